// Blob uploads (OCI distribution spec, "Pushing blobs"): a session opened
// by POST (or by a mount the registry declined), then either one PUT
// ?digest= with the whole body, or, for a large blob, PATCHes of a chunk
// each (Content-Range, at least the registry's OCI-Chunk-Min-Length) and a
// closing PUT ?digest=. Every answer's Location is where the next request
// goes. The bytes are counted and hashed on the way: a source that gives
// other bytes than the descriptor says fails the upload (which is then
// cancelled) instead of sending them.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { InvalidArgument, type Digest } from '../../common/index.js';
import type { RegistryEndpoint } from './endpoint.js';
import { responseError } from './errors.js';
import type { HttpResponse } from './http.js';
import { resolveLocation } from './links.js';
import { verifyStream } from './verify-stream.js';

export interface UploadSizes {
  /** Blobs up to this size go in one PUT. */
  monolithicMaxBytes: number;
  /** Larger ones in PATCHes of this size (each held in memory, so it can be sent again after a 401). */
  chunkBytes: number;
}

/** An open upload session: where its next request goes, and the smallest chunk the registry takes. */
export interface UploadSession {
  location: URL;
  minChunkBytes: number;
}

export interface UploadTarget {
  endpoint: RegistryEndpoint;
  /** `repository:<path>:pull,push` */
  scopes: readonly string[];
  what: string;
}

export interface BlobDescriptor {
  digest: Digest;
  size: number;
}

function isSuccess(res: IncomingMessage): boolean {
  const status = res.statusCode ?? 0;
  return status >= 200 && status < 300;
}

/** The session a 202 answer opened (POST of an upload, or a mount the registry did not do). */
export function sessionOf({ res, url }: HttpResponse, what: string): UploadSession {
  const location = resolveLocation(res.headers.location, url, what);
  const min = Number(res.headers['oci-chunk-min-length'] ?? 0);
  return { location, minChunkBytes: Number.isSafeInteger(min) && min > 0 ? min : 0 };
}

export async function openSession(target: UploadTarget, uploadsPath: string): Promise<UploadSession> {
  const answer = await target.endpoint.request({ method: 'POST', target: uploadsPath, scopes: target.scopes, headers: { 'content-length': 0 } });
  if (answer.res.statusCode !== 202) throw await responseError(answer.res, target.what);
  answer.res.resume();
  return sessionOf(answer, target.what);
}

/** The bytes of `open()`, verified against the descriptor as they pass. */
function verifiedSource(desc: BlobDescriptor, open: () => Readable): Readable {
  const source = open();
  const verified = verifyStream({ ...desc, sender: 'the local content' });
  source.on('error', (err) => verified.destroy(err));
  return source.pipe(verified);
}

/** Buffers of `size` bytes (the last one shorter) from a stream. */
async function* chunksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const data of stream as AsyncIterable<Buffer>) {
    let rest = data;
    while (rest.length > 0) {
      const take = rest.subarray(0, size - held);
      parts.push(take);
      held += take.length;
      rest = rest.subarray(take.length);
      if (held === size) {
        yield Buffer.concat(parts);
        parts = [];
        held = 0;
      }
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

function withDigest(location: URL, digest: Digest): URL {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url;
}

/** The registry's Docker-Content-Digest, when it sends one, must name what was sent. */
function checkStoredDigest(res: IncomingMessage, desc: BlobDescriptor, what: string): void {
  const stored = res.headers['docker-content-digest'];
  if (typeof stored === 'string' && stored !== desc.digest) throw new InvalidArgument(`${what}: the registry stored ${stored}`);
}

export async function uploadBlob(
  target: UploadTarget,
  session: UploadSession,
  desc: BlobDescriptor,
  open: () => Readable,
  onProgress: (bytesSent: number) => void,
  sizes: UploadSizes,
): Promise<void> {
  const { endpoint, scopes, what } = target;
  let location = session.location;
  try {
    let closing: HttpResponse;
    if (desc.size <= sizes.monolithicMaxBytes) {
      const body = (): Readable => {
        const verified = verifiedSource(desc, open);
        let sent = 0;
        verified.on('data', (chunk: Buffer) => onProgress((sent += chunk.length)));
        return verified;
      };
      closing = await endpoint.request({
        method: 'PUT',
        target: withDigest(location, desc.digest),
        scopes,
        headers: { 'content-type': 'application/octet-stream', 'content-length': desc.size },
        body,
      });
    } else {
      const chunkBytes = Math.max(sizes.chunkBytes, session.minChunkBytes);
      let offset = 0;
      for await (const chunk of chunksOf(verifiedSource(desc, open), chunkBytes)) {
        const last = offset + chunk.length - 1;
        const answer = await endpoint.request({
          method: 'PATCH',
          target: location,
          scopes,
          headers: { 'content-type': 'application/octet-stream', 'content-length': chunk.length, 'content-range': `${offset}-${last}` },
          body: chunk,
        });
        if (answer.res.statusCode !== 202) throw await responseError(answer.res, what);
        answer.res.resume();
        const range = answer.res.headers.range;
        if (range !== undefined && range !== `0-${last}` && range !== `bytes=0-${last}`) {
          throw new InvalidArgument(`${what}: the registry holds ${range} after a chunk ending at ${last}`);
        }
        location = resolveLocation(answer.res.headers.location, answer.url, what);
        offset += chunk.length;
        onProgress(offset);
      }
      closing = await endpoint.request({ method: 'PUT', target: withDigest(location, desc.digest), scopes, headers: { 'content-length': 0 } });
    }
    if (!isSuccess(closing.res)) throw await responseError(closing.res, what);
    closing.res.resume();
    checkStoredDigest(closing.res, desc, what);
  } catch (err) {
    await cancel(endpoint, location, scopes);
    throw err;
  }
}

/** Frees the registry's session after a failure; a failure to do so changes nothing for the caller. */
async function cancel(endpoint: RegistryEndpoint, location: URL, scopes: readonly string[]): Promise<void> {
  try {
    (await endpoint.request({ method: 'DELETE', target: location, scopes })).res.resume();
  } catch {
    // the registry drops idle sessions itself
  }
}
