// HTTP to registries and their token servers: keep-alive agents shared by
// every client, a connect timeout and an idle timeout on every socket (a
// registry that stalls fails the request, or the body being read, instead
// of hanging a pull), one retry of a request whose kept-alive socket the
// server had closed, redirects followed for reads (blobs often live in an
// object store on another host, which must not see the registry's
// Authorization), and bodies read with a size limit.
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { CaisError, InvalidArgument, Unavailable } from '../../common/index.js';

export interface TlsSettings {
  /** Replaces the default CAs when given (certs.d adds its CAs to the system's). */
  ca?: Buffer[];
  cert?: Buffer[];
  key?: Buffer[];
  /** false for an insecure registry: its certificate is not verified. */
  rejectUnauthorized: boolean;
}

/** A buffer, or a function giving the bytes afresh each time (so a request can be sent again). */
export type RequestBody = Buffer | (() => Readable);

export interface HttpRequest {
  method: string;
  url: URL;
  headers?: OutgoingHttpHeaders;
  body?: RequestBody;
}

/** A response and the URL that answered it, after redirects (what relative Location and Link headers resolve against). */
export interface HttpResponse {
  res: IncomingMessage;
  url: URL;
}

export interface HttpOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** A socket with no data either way for this long fails its request or the body being read. */
  idleTimeoutMs: number;
  /** The TLS settings for a host (the registry's own, or defaults for a token server or an object store). */
  tlsFor(url: URL): TlsSettings;
}

/** The request failed before any response (refused, reset, TLS, timeout): an insecure registry is then tried over plain HTTP. */
export class ConnectionError extends Unavailable {}

// Go's http.Client limit.
const maxRedirects = 10;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Free sockets are closed before servers usually close theirs (nginx: 75 s).
const agentOptions = { keepAlive: true, maxSockets: 16, timeout: 30_000 };
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

function defaultPort(url: URL): string {
  return url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
}

/** A failure before any response as Go's net/http words it, which is what dockerd prints. */
function connectionError(req: HttpRequest, err: NodeJS.ErrnoException): ConnectionError {
  const hostPort = `${req.url.hostname}:${defaultPort(req.url)}`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: `dial tcp ${hostPort}: connect: connection refused`,
    ENOTFOUND: `dial tcp: lookup ${req.url.hostname}: no such host`,
    EAI_AGAIN: `dial tcp: lookup ${req.url.hostname}: temporary failure in name resolution`,
    ETIMEDOUT: `dial tcp ${hostPort}: i/o timeout`,
    ECONNRESET: 'connection reset by peer',
    EPIPE: 'broken pipe',
  };
  const verb = req.method.charAt(0) + req.method.slice(1).toLowerCase();
  const reason = (err.code !== undefined ? reasons[err.code] : undefined) ?? err.message;
  return new ConnectionError(`${verb} "${req.url.href}": ${reason}`, { cause: err });
}

function errnoError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

export class HttpTransport {
  constructor(private readonly opts: HttpOptions) {}

  /** Sends a request; GET and HEAD follow redirects, without Authorization once on another host. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      const res = await this.sendRetryingStaleSocket(current);
      const location = res.headers.location;
      const follow = redirectStatuses.has(res.statusCode ?? 0) && location !== undefined && (current.method === 'GET' || current.method === 'HEAD');
      if (!follow) return { res, url: current.url };
      res.resume();
      if (hop >= maxRedirects) throw new Unavailable(`${req.method} "${req.url.href}": stopped after ${maxRedirects} redirects`);
      let url: URL;
      try {
        url = new URL(location, current.url);
      } catch {
        throw new InvalidArgument(`${req.method} "${current.url.href}": the registry redirected to an invalid URL ${JSON.stringify(location)}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgument(`${req.method} "${current.url.href}": the registry redirected to ${url.protocol} URL`);
      const headers = { ...current.headers };
      if (url.host !== req.url.host) delete headers.authorization;
      current = { ...current, url, headers };
    }
  }

  /** A kept-alive socket the server closed meanwhile resets the request before any answer: that one is sent again on a new socket. */
  private async sendRetryingStaleSocket(req: HttpRequest): Promise<IncomingMessage> {
    try {
      return await this.sendOnce(req);
    } catch (err) {
      if (!(err instanceof StaleSocket)) throw err;
      return this.sendOnce(req, { fresh: true });
    }
  }

  private sendOnce(req: HttpRequest, { fresh = false } = {}): Promise<IncomingMessage> {
    const secure = req.url.protocol === 'https:';
    const transport = secure ? https : http;
    const agent = fresh ? undefined : secure ? httpsAgent : httpAgent;
    const { connectTimeoutMs, idleTimeoutMs } = this.opts;
    return new Promise((resolve, reject) => {
      const outgoing = transport.request(req.url, {
        method: req.method,
        headers: { 'user-agent': this.opts.userAgent, ...req.headers },
        // a fresh connection for the retry, closed after it
        ...(agent !== undefined ? { agent } : { agent: false }),
        ...(secure ? this.opts.tlsFor(req.url) : {}),
      });
      let response: IncomingMessage | undefined;
      let source: Readable | undefined;
      outgoing.on('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => outgoing.destroy(errnoError('connect timeout', 'ETIMEDOUT')), connectTimeoutMs);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      outgoing.setTimeout(idleTimeoutMs, () => {
        const stalled = new Unavailable(`${req.method} "${req.url.href}": no data for ${idleTimeoutMs / 1000} s`);
        if (response !== undefined) response.destroy(stalled);
        else outgoing.destroy(stalled);
      });
      outgoing.on('response', (res) => {
        response = res;
        resolve(res);
      });
      outgoing.on('error', (err: NodeJS.ErrnoException) => {
        source?.destroy();
        if (response !== undefined) return; // the response's consumer sees it
        if (outgoing.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) reject(new StaleSocket());
        else if (err instanceof CaisError) reject(err); // a stall, or the body's source failing
        else reject(connectionError(req, err));
      });
      if (req.body === undefined) outgoing.end();
      else if (Buffer.isBuffer(req.body)) outgoing.end(req.body);
      else {
        source = req.body();
        source.on('error', (err) => outgoing.destroy(err));
        source.pipe(outgoing);
      }
    });
  }
}

class StaleSocket extends Error {}

/** The whole body, refused (and the connection dropped) past `limit` bytes. */
export async function readBody(res: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > limit) {
    res.destroy();
    throw new InvalidArgument(`${what}: the registry's answer of ${declared} bytes is over the limit of ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        res.destroy();
        throw new InvalidArgument(`${what}: the registry's answer is over the limit of ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof InvalidArgument || err instanceof Unavailable) throw err;
    throw new Unavailable(`${what}: reading the registry's answer: ${(err as Error).message}`, { cause: err });
  }
  if (!res.complete) throw new Unavailable(`${what}: the registry closed the connection before the end of its answer`);
  return Buffer.concat(chunks);
}

