// A repository of a registry, as the OCI distribution spec's endpoints:
// manifests by tag or digest (size-limited, digests checked), blobs as
// verified streams (resumable with Range), blob uploads and cross-repository
// mounts (upload.ts), manifest pushes, tag lists page by page.
import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { z } from 'zod';
import { CaisError, InvalidArgument, Unavailable, isDigest, type Digest } from '../../common/index.js';
import type { RegistryEndpoint, RegistryRequest } from './endpoint.js';
import { responseError } from './errors.js';
import { readBody, type HttpResponse } from './http.js';
import { nextPageLink } from './links.js';
import { openSession, sessionOf, uploadBlob, type BlobDescriptor, type UploadSession, type UploadSizes } from './upload.js';
import { digestAlgorithm, verifyStream } from './verify-stream.js';

/** The spec's recommended limit for manifests, and distribution's. */
const maxManifestBytes = 4 << 20;
const maxTagPageBytes = 4 << 20;
const maxTagPages = 10_000;

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: Digest;
}

export interface Repository {
  /**
   * A manifest or index by tag or digest, asking for the media types of
   * `accept`; at most 4 MiB. `digest` is that of the bytes, which a digest
   * reference and the registry's Docker-Content-Digest must match.
   * NotFound when the registry does not have it.
   */
  manifest(reference: string, accept: readonly string[]): Promise<FetchedManifest>;
  /**
   * A blob's bytes from `offset` (a Range request; skipped up to it when the
   * registry ignores Range). The stream errors, instead of ending, when the
   * connection breaks or stalls, when the byte count is not the size, or
   * (from offset 0) when the bytes do not have the digest.
   */
  blob(descriptor: BlobDescriptor, offset?: number): Promise<Readable>;
  hasBlob(digest: Digest): Promise<boolean>;
  /** Cross-repository mount: true when mounted; false when not (the session the registry opened instead is used by pushBlob). */
  mountBlob(digest: Digest, fromPath: string): Promise<boolean>;
  /** Uploads a blob: one PUT, or PATCHes then a PUT for a large one. open() gives the bytes afresh (for a request sent again). */
  pushBlob(descriptor: BlobDescriptor, open: () => Readable, onProgress?: (bytesSent: number) => void): Promise<void>;
  /** PUT of a manifest by tag or digest; the digest the registry stored it under (the sha256 of the bytes). */
  putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<Digest>;
  /** Every tag, following the Link pages. */
  tags(): Promise<string[]>;
}

export interface RepositorySettings extends UploadSizes {
  tagPageSize: number;
}

// distribution/reference's path grammar and tag grammar: what is put in a URL is checked first.
const pathPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const tagPattern = /^\w[\w.-]{0,127}$/;

function checkRepositoryPath(path: string): void {
  if (path.length > 255 || !pathPattern.test(path)) throw new InvalidArgument(`invalid repository name: ${JSON.stringify(path)}`);
}

function checkReference(reference: string): void {
  if (!tagPattern.test(reference) && !isDigest(reference)) throw new InvalidArgument(`invalid tag or digest: ${JSON.stringify(reference)}`);
}

function checkDigest(digest: string): asserts digest is Digest {
  if (!isDigest(digest)) throw new InvalidArgument(`invalid digest: ${JSON.stringify(digest)}`);
}

/** The digest of `bytes` in the algorithm of `like` (a reference or a registry's header), sha256 without one. */
function digestOf(bytes: Buffer, like?: Digest): Digest {
  const algorithm = like !== undefined ? digestAlgorithm(like) : 'sha256';
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

// Content types that say nothing of a manifest's kind: the document's mediaType field does.
const genericContentTypes = new Set(['', 'application/json', 'application/octet-stream', 'text/plain']);
const mediaTypeFieldSchema = z.object({ mediaType: z.string() });

function manifestMediaType(contentType: string | undefined, bytes: Buffer): string {
  const header = (contentType ?? '').split(';')[0]!.trim();
  if (!genericContentTypes.has(header)) return header;
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return header; // a malformed manifest is the caller's to report
  }
  const field = mediaTypeFieldSchema.safeParse(doc);
  return field.success ? field.data.mediaType : header;
}

const tagListSchema = z.object({ tags: z.array(z.string()).nullable().optional() });

/** Drops the first `count` bytes (a registry that answered a Range request with the whole blob). */
function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const skip = Math.min(left, chunk.length);
      left -= skip;
      done(null, skip < chunk.length ? chunk.subarray(skip) : undefined);
    },
  });
}

export class RemoteRepository implements Repository {
  private readonly scope: string;
  // sessions that declined mounts opened, for the pushBlob that follows
  private readonly openSessions = new Map<Digest, UploadSession>();

  constructor(
    private readonly endpoint: RegistryEndpoint,
    readonly path: string,
    access: 'pull' | 'push',
    private readonly settings: RepositorySettings,
  ) {
    checkRepositoryPath(path);
    this.scope = `repository:${path}:${access === 'push' ? 'pull,push' : 'pull'}`;
  }

  private request(method: string, target: string | URL, extra: Partial<RegistryRequest> = {}): Promise<HttpResponse> {
    return this.endpoint.request({ method, target, scopes: [this.scope], ...extra });
  }

  private url(suffix: string): string {
    return `/v2/${this.path}/${suffix}`;
  }

  async manifest(reference: string, accept: readonly string[]): Promise<FetchedManifest> {
    checkReference(reference);
    const what = `manifest ${this.path}:${reference}`;
    const { res } = await this.request('GET', this.url(`manifests/${reference}`), { headers: { accept: accept.join(', ') } });
    if (res.statusCode !== 200) throw await responseError(res, what);
    const bytes = await readBody(res, maxManifestBytes, what);
    const digest = digestOf(bytes, isDigest(reference) ? reference : undefined);
    if (isDigest(reference) && digest !== reference) throw new InvalidArgument(`${what}: the registry sent content of digest ${digest}`);
    const told = res.headers['docker-content-digest'];
    if (typeof told === 'string' && isDigest(told) && digestOf(bytes, told) !== told) {
      throw new InvalidArgument(`${what}: the registry announced ${told} but sent other content`);
    }
    return { bytes, mediaType: manifestMediaType(res.headers['content-type'], bytes), digest };
  }

  async blob(desc: BlobDescriptor, offset = 0): Promise<Readable> {
    checkDigest(desc.digest);
    const verified = verifyStream({ ...desc, offset, sender: 'the registry' });
    const what = `blob ${desc.digest}`;
    if (offset === desc.size) return verified.end();
    const { res } = await this.request('GET', this.url(`blobs/${desc.digest}`), offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {});
    let skip = 0;
    if (res.statusCode === 206) {
      const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
      if (Number(start) !== offset) {
        res.destroy();
        throw new InvalidArgument(`${what}: the registry answered bytes=${offset}- with Content-Range ${JSON.stringify(res.headers['content-range'] ?? '')}`);
      }
    } else if (res.statusCode === 200) skip = offset;
    else throw await responseError(res, what);

    const broken = (err?: Error): void => {
      const reason = err instanceof CaisError ? err.message : `the connection to the registry broke${err ? `: ${err.message}` : ''}`;
      verified.destroy(new Unavailable(`${what}: ${reason}`, { cause: err }));
    };
    // 'error' says why (a stall); 'close' before the end is a connection closed under it
    res.on('error', broken);
    res.on('close', () => {
      if (!res.complete) broken();
    });
    verified.on('close', () => {
      if (!res.complete) res.destroy();
    });
    (skip > 0 ? res.pipe(skipBytes(skip)) : res).pipe(verified);
    return verified;
  }

  async hasBlob(digest: Digest): Promise<boolean> {
    checkDigest(digest);
    const { res } = await this.request('HEAD', this.url(`blobs/${digest}`));
    if (res.statusCode === 200 || res.statusCode === 404) {
      res.resume();
      return res.statusCode === 200;
    }
    throw await responseError(res, `blob ${digest}`);
  }

  async mountBlob(digest: Digest, fromPath: string): Promise<boolean> {
    checkDigest(digest);
    checkRepositoryPath(fromPath);
    const what = `mount of ${digest} from ${fromPath}`;
    const query = new URLSearchParams({ mount: digest, from: fromPath });
    const answer = await this.endpoint.request({
      method: 'POST',
      target: `${this.url('blobs/uploads/')}?${query}`,
      scopes: [this.scope, `repository:${fromPath}:pull`],
      headers: { 'content-length': 0 },
    });
    if (answer.res.statusCode === 201) {
      answer.res.resume();
      return true;
    }
    if (answer.res.statusCode !== 202) throw await responseError(answer.res, what);
    answer.res.resume();
    this.openSessions.set(digest, sessionOf(answer, what));
    return false;
  }

  async pushBlob(desc: BlobDescriptor, open: () => Readable, onProgress: (bytesSent: number) => void = () => undefined): Promise<void> {
    checkDigest(desc.digest);
    const target = { endpoint: this.endpoint, scopes: [this.scope], what: `upload of ${desc.digest}` };
    const opened = this.openSessions.get(desc.digest);
    this.openSessions.delete(desc.digest);
    const session = opened ?? (await openSession(target, this.url('blobs/uploads/')));
    await uploadBlob(target, session, desc, open, onProgress, this.settings);
  }

  async putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<Digest> {
    checkReference(reference);
    const what = `manifest ${this.path}:${reference}`;
    const digest = digestOf(bytes, isDigest(reference) ? reference : undefined);
    if (isDigest(reference) && digest !== reference) throw new InvalidArgument(`${what}: the bytes have digest ${digest}`);
    const { res } = await this.request('PUT', this.url(`manifests/${reference}`), {
      headers: { 'content-type': mediaType, 'content-length': bytes.length },
      body: bytes,
    });
    if (res.statusCode !== 201 && res.statusCode !== 200 && res.statusCode !== 204) throw await responseError(res, what);
    res.resume();
    const stored = res.headers['docker-content-digest'];
    if (typeof stored === 'string' && stored !== digest) throw new InvalidArgument(`${what}: the registry stored it as ${stored}, not ${digest}`);
    return digest;
  }

  async tags(): Promise<string[]> {
    const what = `tags of ${this.path}`;
    const out: string[] = [];
    const seen = new Set<string>();
    let target: string | URL = `${this.url('tags/list')}?n=${this.settings.tagPageSize}`;
    for (let page = 0; page < maxTagPages; page++) {
      const { res, url } = await this.request('GET', target);
      if (res.statusCode !== 200) throw await responseError(res, what);
      seen.add(url.href);
      let doc: unknown;
      try {
        doc = JSON.parse((await readBody(res, maxTagPageBytes, what)).toString('utf8'));
      } catch (err) {
        if (err instanceof CaisError) throw err;
        throw new InvalidArgument(`${what}: the registry answered no JSON`);
      }
      const list = tagListSchema.safeParse(doc);
      if (!list.success) throw new InvalidArgument(`${what}: the registry answered a malformed tag list`);
      out.push(...(list.data.tags ?? []));
      const link = res.headers.link;
      const next = nextPageLink(Array.isArray(link) ? link.join(', ') : link, url, what);
      if (next === undefined) return out;
      if (seen.has(next.href)) throw new InvalidArgument(`${what}: the registry's pages link back to ${next.href}`);
      target = next;
    }
    throw new InvalidArgument(`${what}: more than ${maxTagPages} pages`);
  }
}
