// One registry (a reference's domain) with one set of credentials, and its
// repositories, as the OCI distribution spec's endpoints. HTTPS first; an
// insecure registry (loopback always, others when the daemon is told, as
// dockerd's --insecure-registry) is tried with unverified TLS and then over
// plain HTTP. Per-registry CAs and client certificates come from
// /etc/docker/certs.d/<host>/ as Docker reads them.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { InvalidArgument, NotFound, Unauthorized, type Digest } from '../../common/index.js';
import type { AuthConfig } from '../../spec/index.js';
import { Credentials } from './auth.js';
import { parseChallenges } from './challenge.js';
import { registryError } from './errors.js';
import { ConnectionFailed, readBody, send, type TlsFiles } from './http.js';
import { verifyBlob } from './verify.js';

export type RegistryAuth = AuthConfig;

export interface RegistryClientOptions {
  /** host[:port] names and IPv4 CIDRs reached insecurely, besides loopback. */
  insecureRegistries?: readonly string[];
  /** Where per-registry certificates are looked for; /etc/docker/certs.d by default. */
  certsDir?: string;
  /** Blobs larger than this are uploaded in chunks of this size (PATCH); 64 MiB by default. */
  chunkBytes?: number;
  /** Tags asked for per page of a tag list; 1000 by default. */
  tagPageSize?: number;
}

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: Digest;
}

/** The spec's recommended limit, and distribution's. */
export const maxManifestBytes = 4 << 20;
const defaultChunkBytes = 64 << 20;
const defaultTagPageSize = 1000;
const maxTagPages = 10_000;

type Body = Buffer | (() => Readable);

/** A response and the URL it answers (what a relative Location or Link is resolved against). */
export interface Answer {
  res: IncomingMessage;
  url: URL;
}

interface Call {
  method: string;
  /** A path below the registry's origin, or an absolute URL (an upload's Location). */
  target: string | URL;
  scopes: readonly string[];
  headers?: OutgoingHttpHeaders;
  body?: Body;
}

function ipv4(address: string): number | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** dockerd's rule: loopback is insecure, and what --insecure-registry names (a host[:port], or a CIDR holding an IP). */
export function isInsecureRegistry(host: string, told: readonly string[]): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name === '::1' || name.startsWith('127.')) return true;
  const ip = ipv4(name);
  return told.some((entry) => {
    if (entry === host || entry === name) return true;
    const [base, bits] = entry.split('/');
    const net = base !== undefined ? ipv4(base) : undefined;
    if (ip === undefined || net === undefined || bits === undefined) return false;
    const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
    return ((ip & mask) >>> 0) === ((net & mask) >>> 0);
  });
}

/** Docker's certs.d: *.crt are CAs (added to the system's), client.cert/client.key a client certificate. */
function certificates(dir: string, host: string): TlsFiles | undefined {
  let names: string[];
  try {
    names = readdirSync(join(dir, host));
  } catch {
    return undefined;
  }
  const read = (name: string): Buffer => readFileSync(join(dir, host, name));
  const cas = names.filter((n) => n.endsWith('.crt')).map(read);
  const files: TlsFiles = {};
  if (cas.length > 0) files.ca = [...rootCertificates.map((c) => Buffer.from(c)), ...cas];
  if (names.includes('client.cert') && names.includes('client.key')) {
    files.cert = read('client.cert');
    files.key = read('client.key');
  }
  return files;
}

function mediaTypeOf(res: IncomingMessage, bytes: Buffer): string {
  const header = (res.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (header !== '' && header !== 'application/json' && header !== 'application/octet-stream' && header !== 'text/plain') return header;
  // registries that do not keep the media type: the document says it
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    if (typeof doc.mediaType === 'string') return doc.mediaType;
  } catch {
    // the caller reports a malformed manifest
  }
  return header;
}

function sha256(bytes: Buffer): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class RegistryClient {
  readonly host: string;
  private readonly insecure: boolean;
  private readonly tls: TlsFiles | undefined;
  private readonly credentials: Credentials;
  private origin: Promise<URL> | undefined;

  constructor(
    readonly domain: string,
    auth: RegistryAuth | undefined,
    private readonly opts: RegistryClientOptions = {},
  ) {
    this.host = domain === 'docker.io' ? 'registry-1.docker.io' : domain;
    this.insecure = isInsecureRegistry(this.host, opts.insecureRegistries ?? []);
    this.tls = certificates(opts.certsDir ?? '/etc/docker/certs.d', this.host);
    this.credentials = new Credentials(auth, { insecureTls: this.insecure, ...(this.tls ? { tls: this.tls } : {}) });
  }

  /** https, or for an insecure registry whichever answers /v2/ first of https and http. */
  private base(): Promise<URL> {
    this.origin ??= (async () => {
      const secure = new URL(`https://${this.host}`);
      if (!this.insecure) return secure;
      try {
        (await send({ method: 'GET', url: new URL('/v2/', secure), insecureTls: true, ...(this.tls ? { tls: this.tls } : {}) })).resume();
        return secure;
      } catch (err) {
        if (!(err instanceof ConnectionFailed)) throw err;
        return new URL(`http://${this.host}`);
      }
    })();
    return this.origin;
  }

  /**
   * A request with credentials. A 401 is answered once: its challenge is
   * learnt, and the request sent again if that gives other credentials than
   * it carried (requests running side by side may each get a 401 before
   * the first has learnt it).
   */
  async call(c: Call): Promise<Answer> {
    const url = typeof c.target === 'string' ? new URL(c.target, await this.base()) : c.target;
    for (let attempt = 0; ; attempt++) {
      const headers: OutgoingHttpHeaders = { 'User-Agent': 'cais', ...c.headers };
      const authorization = await this.credentials.header(c.scopes);
      if (authorization !== undefined && url.host === this.host) headers.authorization = authorization;
      const body = typeof c.body === 'function' ? c.body() : c.body;
      const res = await send({ method: c.method, url, headers, ...(body !== undefined ? { body } : {}), insecureTls: this.insecure, ...(this.tls ? { tls: this.tls } : {}) });
      if (res.statusCode !== 401 || attempt > 0) return { res, url };
      this.credentials.learn(parseChallenges(String(res.headers['www-authenticate'] ?? '')), c.scopes);
      const next = await this.credentials.header(c.scopes);
      if (next === undefined || next === authorization) return { res, url };
      res.resume();
    }
  }

  /** GET /v2/ with the credentials (POST /auth): an identity token when the token server gave a refresh token. */
  async login(): Promise<{ identityToken?: string }> {
    const url = new URL('/v2/', await this.base());
    const { res } = await this.call({ method: 'GET', target: url, scopes: [] });
    if (res.statusCode === 200) {
      res.resume();
      const challenge = this.credentials.current();
      if (challenge?.scheme === 'bearer') {
        const answer = await this.credentials.fetchToken(challenge, [], true);
        return answer.refreshToken !== undefined ? { identityToken: answer.refreshToken } : {};
      }
      return {};
    }
    if (res.statusCode === 401) {
      res.resume();
      throw new Unauthorized(`login attempt to ${url.href} failed with status: 401 Unauthorized`);
    }
    throw await registryError(res, `login to ${url.origin}`);
  }

  repository(path: string, access: 'pull' | 'push'): Repository {
    return new Repository(this, path, access, { chunkBytes: this.opts.chunkBytes ?? defaultChunkBytes, tagPageSize: this.opts.tagPageSize ?? defaultTagPageSize });
  }
}

export class Repository {
  private readonly scope: string;

  constructor(
    private readonly client: RegistryClient,
    readonly path: string,
    access: 'pull' | 'push',
    private readonly sizes: { chunkBytes: number; tagPageSize: number },
  ) {
    this.scope = `repository:${path}:${access === 'push' ? 'pull,push' : 'pull'}`;
  }

  private call(method: string, target: string | URL, extra: Partial<Call> = {}): Promise<Answer> {
    return this.client.call({ method, target, scopes: [this.scope], ...extra });
  }

  private url(suffix: string): string {
    return `/v2/${this.path}/${suffix}`;
  }

  /** A manifest or index (at most 4 MiB), its digest the sha256 of its bytes, which a digest reference must match. */
  async manifest(reference: string, accept: readonly string[]): Promise<FetchedManifest> {
    const { res } = await this.call('GET', this.url(`manifests/${encodeURIComponent(reference)}`), { headers: { accept: accept.join(', ') } });
    if (res.statusCode !== 200) throw await registryError(res, `manifest ${reference}`);
    const bytes = await readBody(res, maxManifestBytes);
    const digest = sha256(bytes);
    if (reference.includes(':') && reference !== digest) throw new InvalidArgument(`manifest ${reference}: the registry sent content of digest ${digest}`);
    const told = res.headers['docker-content-digest'];
    if (typeof told === 'string' && told.startsWith('sha256:') && told !== digest) {
      throw new InvalidArgument(`manifest ${reference}: the registry says ${told} but sent content of digest ${digest}`);
    }
    return { bytes, mediaType: mediaTypeOf(res, bytes), digest };
  }

  /** A blob's bytes, verified as they stream (see verify.ts). */
  async blob(desc: { digest: Digest; size: number }): Promise<Readable> {
    const { res } = await this.call('GET', this.url(`blobs/${desc.digest}`));
    if (res.statusCode !== 200) throw await registryError(res, `blob ${desc.digest}`);
    const verified = verifyBlob(desc);
    pipeline(res, verified, () => undefined);
    // a connection closed early ends the response without error in some cases: the size check catches it
    res.on('aborted', () => verified.destroy(new InvalidArgument(`blob ${desc.digest}: the registry closed the connection`)));
    return verified;
  }

  async hasBlob(digest: Digest): Promise<boolean> {
    const { res } = await this.call('HEAD', this.url(`blobs/${digest}`));
    if (res.statusCode === 200 || res.statusCode === 404) res.resume();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw await registryError(res, `blob ${digest}`);
  }

  /** Cross-repository mount: true when mounted (201); a 202 upload it opened instead is cancelled. */
  async mountBlob(digest: Digest, fromPath: string): Promise<boolean> {
    const query = new URLSearchParams({ mount: digest, from: fromPath });
    const { res, url } = await this.client.call({
      method: 'POST',
      target: `${this.url('blobs/uploads/')}?${query}`,
      scopes: [this.scope, `repository:${fromPath}:pull`],
      headers: { 'content-length': 0 },
    });
    if (res.statusCode === 201 || res.statusCode === 202) res.resume();
    if (res.statusCode === 201) return true;
    if (res.statusCode === 202) {
      if (res.headers.location !== undefined) (await this.call('DELETE', this.location(res, url))).res.resume();
      return false;
    }
    throw await registryError(res, `mount of ${digest}`);
  }

  /** Uploads a blob: one PUT after the POST, or for a large one PATCHes of chunkBytes then the PUT. */
  async pushBlob(desc: { digest: Digest; size: number }, open: () => Readable, onProgress: (sent: number) => void = () => undefined): Promise<void> {
    const { res: started, url } = await this.call('POST', this.url('blobs/uploads/'), { headers: { 'content-length': 0 } });
    if (started.statusCode !== 202) throw await registryError(started, `upload of ${desc.digest}`);
    started.resume();
    let location = this.location(started, url);
    const minChunk = Number(started.headers['oci-chunk-min-length'] ?? 0);
    const chunk = Math.max(this.sizes.chunkBytes, Number.isFinite(minChunk) ? minChunk : 0);
    if (desc.size > chunk) {
      location = await this.patchChunks(location, desc, open(), chunk, onProgress);
      location.searchParams.set('digest', desc.digest);
      const { res: done } = await this.call('PUT', location, { headers: { 'content-length': 0 } });
      if (done.statusCode !== 201) throw await registryError(done, `upload of ${desc.digest}`);
      done.resume();
      return;
    }
    location.searchParams.set('digest', desc.digest);
    const body = (): Readable => {
      let sent = 0;
      const counted = new PassThrough();
      const source = open();
      source.on('data', (c: Buffer) => onProgress((sent += c.length)));
      pipeline(source, counted, () => undefined);
      return counted;
    };
    const { res: done } = await this.call('PUT', location, {
      headers: { 'content-length': desc.size, 'content-type': 'application/octet-stream' },
      body,
    });
    if (done.statusCode !== 201) throw await registryError(done, `upload of ${desc.digest}`);
    done.resume();
  }

  /** An upload's Location, relative to the request it answers (it may carry a query, and another host). */
  private location(res: IncomingMessage, base: URL): URL {
    const location = res.headers.location;
    if (location === undefined) throw new InvalidArgument('the registry answered an upload without a Location');
    return new URL(location, base);
  }

  /** The blob's bytes as PATCHes of `size` each (Content-Range from-to); the next Location each time. */
  private async patchChunks(first: URL, desc: { digest: Digest; size: number }, source: Readable, size: number, onProgress: (sent: number) => void): Promise<URL> {
    let location = first;
    let offset = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      const body = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      const { res } = await this.call('PATCH', location, {
        headers: { 'content-type': 'application/octet-stream', 'content-length': body.length, 'content-range': `${offset}-${offset + body.length - 1}` },
        body,
      });
      if (res.statusCode !== 202) throw await registryError(res, `upload of ${desc.digest}`);
      res.resume();
      offset += body.length;
      onProgress(offset);
      location = this.location(res, location);
    };
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let rest = chunk;
      while (rest.length > 0) {
        const take = rest.subarray(0, size - pendingBytes);
        pending.push(take);
        pendingBytes += take.length;
        rest = rest.subarray(take.length);
        if (pendingBytes === size) await flush();
      }
    }
    await flush();
    if (offset !== desc.size) throw new InvalidArgument(`blob ${desc.digest}: ${offset} bytes read of ${desc.size}`);
    return location;
  }

  /** PUT a manifest; the digest the registry answered, which must be the sha256 of the bytes. */
  async putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<Digest> {
    const { res } = await this.call('PUT', this.url(`manifests/${encodeURIComponent(reference)}`), {
      headers: { 'content-type': mediaType, 'content-length': bytes.length },
      body: bytes,
    });
    if (res.statusCode !== 201) throw await registryError(res, `manifest ${reference}`);
    res.resume();
    const digest = sha256(bytes);
    const told = res.headers['docker-content-digest'];
    if (typeof told === 'string' && told !== digest) throw new InvalidArgument(`the registry stored the manifest as ${told}, not ${digest}`);
    return digest;
  }

  /** Every tag, following the Link header's pages. */
  async tags(): Promise<string[]> {
    const out: string[] = [];
    let target: string | URL = `${this.url('tags/list')}?n=${this.sizes.tagPageSize}`;
    for (let page = 0; page < maxTagPages; page++) {
      const { res, url } = await this.call('GET', target);
      if (res.statusCode !== 200) throw await registryError(res, `tags of ${this.path}`);
      let doc: { tags?: unknown };
      try {
        doc = JSON.parse((await readBody(res, maxManifestBytes)).toString('utf8')) as { tags?: unknown };
      } catch (err) {
        if (err instanceof InvalidArgument) throw err;
        throw new InvalidArgument(`tags of ${this.path}: the registry answered no JSON`);
      }
      if (doc.tags !== null && doc.tags !== undefined && !(Array.isArray(doc.tags) && doc.tags.every((t) => typeof t === 'string'))) {
        throw new InvalidArgument(`tags of ${this.path}: the registry answered a malformed list`);
      }
      out.push(...((doc.tags as string[] | null | undefined) ?? []));
      const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(String(res.headers.link ?? ''))?.[1];
      if (next === undefined) return out;
      target = new URL(next, url);
    }
    throw new NotFound(`tags of ${this.path}: more than ${maxTagPages} pages`);
  }
}
