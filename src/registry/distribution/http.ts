// HTTP to registries: keep-alive agents, a timeout on every idle socket (a
// registry that stalls fails the request instead of hanging a pull), redirects
// followed for reads (blobs often live on another host, which must not see
// the registry's Authorization), bodies read with a size limit.
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { InvalidArgument, Unavailable } from '../../common/index.js';

export interface TlsFiles {
  ca?: Buffer[];
  cert?: Buffer;
  key?: Buffer;
}

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: OutgoingHttpHeaders;
  /** A buffer, or a stream written as the body (with Content-Length in headers, or chunked). */
  body?: Buffer | Readable;
  /** Skip certificate verification (an insecure registry over TLS). */
  insecureTls?: boolean;
  tls?: TlsFiles;
}

const idleTimeoutMs = 30_000;
const maxRedirects = 5;
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });

/** The connection failed (refused, reset, TLS) before any HTTP answer: an insecure registry is then tried over plain HTTP. */
export class ConnectionFailed extends Unavailable {}

/** A socket error as Go's net/http words it, which is what dockerd prints: `Get "https://host/v2/": dial tcp host: connect: connection refused`. */
function connectionError(method: string, url: URL, err: NodeJS.ErrnoException): ConnectionFailed {
  const host = url.port !== '' ? url.host : `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: `dial tcp ${host}: connect: connection refused`,
    ENOTFOUND: `dial tcp: lookup ${url.hostname}: no such host`,
    EAI_AGAIN: `dial tcp: lookup ${url.hostname}: temporary failure in name resolution`,
    ETIMEDOUT: `dial tcp ${host}: i/o timeout`,
    ECONNRESET: 'connection reset by peer',
  };
  const verb = method.charAt(0) + method.slice(1).toLowerCase();
  return new ConnectionFailed(`${verb} "${url.href}": ${(err.code !== undefined && reasons[err.code]) || err.message}`, { cause: err });
}

function sendOnce(req: HttpRequest): Promise<IncomingMessage> {
  const secure = req.url.protocol === 'https:';
  const transport = secure ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(req.url, {
      method: req.method,
      headers: req.headers,
      agent: secure ? httpsAgent : httpAgent,
      ...(secure ? { rejectUnauthorized: req.insecureTls !== true, ...req.tls } : {}),
    });
    outgoing.setTimeout(idleTimeoutMs, () => outgoing.destroy(new Error(`no data for ${idleTimeoutMs / 1000} s`)));
    outgoing.on('response', resolve);
    outgoing.on('error', (err) => reject(connectionError(req.method, req.url, err)));
    if (req.body === undefined) outgoing.end();
    else if (Buffer.isBuffer(req.body)) outgoing.end(req.body);
    else {
      req.body.on('error', (err) => outgoing.destroy(err));
      req.body.pipe(outgoing);
    }
  });
}

/** Sends a request; GET and HEAD follow redirects, dropping Authorization on another host. */
export async function send(req: HttpRequest): Promise<IncomingMessage> {
  let current = req;
  for (let hop = 0; ; hop++) {
    const res = await sendOnce(current);
    const location = res.headers.location;
    const redirect = res.statusCode !== undefined && [301, 302, 303, 307, 308].includes(res.statusCode);
    if (!redirect || location === undefined || !['GET', 'HEAD'].includes(current.method)) return res;
    res.resume();
    if (hop >= maxRedirects) throw new Unavailable(`${req.url.origin}: too many redirects`);
    const url = new URL(location, current.url);
    const headers = { ...current.headers };
    if (url.host !== req.url.host) delete headers.authorization;
    current = { ...current, url, headers };
  }
}

/** The whole body, refused (and the connection dropped) past `limit` bytes. */
export async function readBody(res: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > limit) {
    res.destroy();
    throw new InvalidArgument(`the registry's answer is ${declared} bytes, more than the limit of ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new InvalidArgument(`the registry's answer is more than the limit of ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof InvalidArgument) throw err;
    throw new Unavailable(`reading the registry's answer: ${(err as Error).message}`, { cause: err });
  }
  if (!res.complete) throw new Unavailable("the registry closed the connection before the end of its answer");
  return Buffer.concat(chunks);
}
