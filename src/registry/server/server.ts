// `cais registry serve`: an OCI distribution v1.1 registry over node:http
// or node:https. Each request is routed (names validated), authorized,
// then handled; every answer carries Docker-Distribution-API-Version, and
// one line per request is logged in the combined log format, as
// distribution logs them.
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../../common/index.js';
import { AccessList } from './auth/access-list.js';
import { BasicAuthorizer, TokenAuthorizer, openAccess, realmName, type Authorizer } from './auth/authorizer.js';
import { Htpasswd } from './auth/htpasswd.js';
import { catalogAccess, type Access } from './auth/scopes.js';
import { TokenSigner } from './auth/token.js';
import { RegistryError } from './errors.js';
import { deleteBlob, getBlob } from './handlers/blobs.js';
import type { RequestContext } from './handlers/context.js';
import { listReferrers, listRepositories, listTags } from './handlers/listings.js';
import { deleteManifest, getManifest, putManifest } from './handlers/manifests.js';
import { cancelUpload, finishUpload, patchUpload, startUpload, uploadStatus } from './handlers/uploads.js';
import { sendError, sendJson } from './http.js';
import { lockRoot } from './lock.js';
import { matchRoute, type Route } from './routes.js';
import { RegistryStorage } from './storage.js';
import { Uploads } from './uploads.js';

export const defaultMaxUploadBytes = 10 * 1024 ** 3;
const staleUploadMs = 60 * 60 * 1000;

export interface RegistryServerOptions {
  /** HOST:PORT to listen on (`[::1]:5000`, `:5000` for every interface, port 0 for any free one). */
  addr: string;
  root: string;
  /** An htpasswd file of bcrypt entries: basic auth, or the users of token mode. */
  htpasswd?: string;
  /** 'token': bearer tokens from GET /token, granted by `tokenAcl`. Default: basic with htpasswd, else open. */
  auth?: 'basic' | 'token';
  /** The ACL of token mode (see auth/access-list.ts). */
  tokenAcl?: string;
  tls?: { cert: string; key: string };
  /** The largest blob accepted; default 10 GiB. */
  maxUploadBytes?: number;
  /** Where the request log goes; default stderr. */
  log?: (line: string) => void;
}

export interface RunningRegistry {
  /** HOST:PORT it listens on. */
  address: string;
  close(): Promise<void>;
}

interface Endpoint {
  access: Access[];
  handle: (ctx: RequestContext) => Promise<void>;
}

const pull = (name: string): Access[] => [{ type: 'repository', name, action: 'pull' }];
const push = (name: string): Access[] => [...pull(name), { type: 'repository', name, action: 'push' }];
const remove = (name: string): Access[] => [{ type: 'repository', name, action: 'delete' }];

/** What each route answers to, by method, and the access each needs (as distribution: GET pull, writes pull+push, DELETE delete). */
function endpoint(route: Route, method: string): Endpoint | undefined {
  const read = method === 'GET' || method === 'HEAD';
  switch (route.kind) {
    case 'base':
      return read ? { access: [], handle: async (ctx) => sendJson(ctx.res, 200, {}, {}, ctx.head) } : undefined;
    case 'catalog':
      return method === 'GET' ? { access: [catalogAccess], handle: (ctx) => listRepositories(ctx) } : undefined;
    case 'tags':
      return read ? { access: pull(route.name), handle: (ctx) => listTags(ctx, route.name) } : undefined;
    case 'referrers':
      return read ? { access: pull(route.name), handle: (ctx) => listReferrers(ctx, route.name, route.digest) } : undefined;
    case 'manifest':
      if (read) return { access: pull(route.name), handle: (ctx) => getManifest(ctx, route.name, route.reference) };
      if (method === 'PUT') return { access: push(route.name), handle: (ctx) => putManifest(ctx, route.name, route.reference) };
      if (method === 'DELETE') return { access: remove(route.name), handle: (ctx) => deleteManifest(ctx, route.name, route.reference) };
      return undefined;
    case 'blob':
      if (read) return { access: pull(route.name), handle: (ctx) => getBlob(ctx, route.name, route.digest) };
      if (method === 'DELETE') return { access: remove(route.name), handle: (ctx) => deleteBlob(ctx, route.name, route.digest) };
      return undefined;
    case 'uploads':
      return method === 'POST' ? { access: push(route.name), handle: (ctx) => startUpload(ctx, route.name) } : undefined;
    case 'upload':
      if (read) return { access: pull(route.name), handle: (ctx) => uploadStatus(ctx, route.name, route.id) };
      if (method === 'PATCH') return { access: push(route.name), handle: (ctx) => patchUpload(ctx, route.name, route.id) };
      if (method === 'PUT') return { access: push(route.name), handle: (ctx) => finishUpload(ctx, route.name, route.id) };
      // Cancelling one's upload is part of pushing, not a deletion of content.
      if (method === 'DELETE') return { access: push(route.name), handle: (ctx) => cancelUpload(ctx, route.name, route.id) };
      return undefined;
    case 'token':
      return undefined;
  }
}

/** HOST:PORT as net.Server.listen takes it. */
export function parseListenAddress(addr: string): { host: string | undefined; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(addr);
  const port = Number(m?.[3]);
  if (m === null || port > 65535) throw new Error(`invalid listen address ${JSON.stringify(addr)}: expected HOST:PORT`);
  const host = m[1] ?? m[2];
  return { host: host === '' ? undefined : host, port };
}

async function makeAuthorizer(opts: RegistryServerOptions): Promise<{ authorizer: Authorizer; token?: TokenAuthorizer }> {
  const mode = opts.auth ?? (opts.htpasswd !== undefined ? 'basic' : undefined);
  if (mode === undefined) {
    if (opts.tokenAcl !== undefined) throw new Error('--token-acl needs --auth token');
    return { authorizer: openAccess };
  }
  if (opts.htpasswd === undefined) throw new Error(`--auth ${mode} needs --htpasswd`);
  const basic = new BasicAuthorizer(await Htpasswd.load(opts.htpasswd));
  if (mode === 'basic') {
    if (opts.tokenAcl !== undefined) throw new Error('--token-acl needs --auth token');
    return { authorizer: basic };
  }
  if (opts.tokenAcl === undefined) throw new Error('--auth token needs --token-acl');
  const token = new TokenAuthorizer(basic, await AccessList.load(opts.tokenAcl), new TokenSigner(realmName));
  return { authorizer: token, token };
}

/** `<scheme>://<host>` of a request, for the token realm; the Host header only when it looks like one. */
function originOf(req: IncomingMessage, scheme: string, fallback: string): string {
  const host = req.headers.host;
  return `${scheme}://${host !== undefined && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : fallback}`;
}

function logLine(remote: string, req: IncomingMessage, res: ServerResponse): string {
  const date = new Date().toISOString();
  const length = res.getHeader('content-length') ?? '-';
  const quote = (s: string | undefined): string => JSON.stringify(s ?? '');
  return `${remote} - - [${date}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode} ${length} ${quote(req.headers.referer)} ${quote(req.headers['user-agent'])}`;
}

export async function serveRegistry(opts: RegistryServerOptions): Promise<RunningRegistry> {
  const listen = parseListenAddress(opts.addr);
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const { authorizer, token } = await makeAuthorizer(opts);
  const tls = opts.tls === undefined ? undefined : { cert: await readFile(opts.tls.cert), key: await readFile(opts.tls.key) };
  const storage = new RegistryStorage(opts.root);
  const release = await lockRoot(opts.root, 'server');
  const uploads = new Uploads(storage, opts.maxUploadBytes ?? defaultMaxUploadBytes);
  const scheme = tls ? 'https' : 'http';
  let address = '';

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const method = req.method ?? 'GET';
    const route = matchRoute(path);
    const origin = originOf(req, scheme, address);
    if (route?.kind === 'token' && token !== undefined && method === 'GET') {
      const issued = await token.issue(req.headers.authorization, query.get('service'), query.getAll('scope'));
      const body = { token: issued.token, access_token: issued.token, expires_in: issued.expiresIn, issued_at: issued.issuedAt };
      return sendJson(res, 200, body, { 'Cache-Control': 'no-store' });
    }
    if (route === undefined || route.kind === 'token') throw new RegistryError('UNSUPPORTED', `no such endpoint: ${path.slice(0, 200)}`, { status: 404 });
    const found = endpoint(route, method);
    if (found === undefined) throw new RegistryError('UNSUPPORTED', `${method} is not supported on ${path.slice(0, 200)}`);
    const grant = await authorizer.authorize({ authorization: req.headers.authorization, origin }, found.access);
    await found.handle({ req, res, query, storage, uploads, grant, head: method === 'HEAD' });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const remote = req.socket.remoteAddress ?? '-';
    res.on('close', () => log(logLine(remote, req, res)));
    dispatch(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        // A stream that failed half-way: the client sees the connection end short.
        res.destroy();
        return;
      }
      if (err instanceof RegistryError) return sendError(req, res, err);
      log(`error: ${req.method} ${req.url}: ${errorMessage(err)}`);
      sendError(req, res, new RegistryError('UNKNOWN', 'internal error'));
    });
  };

  const server = tls ? https.createServer({ ...tls }, onRequest) : http.createServer(onRequest);
  // Layers take long to upload: no limit on a whole request, but on silence.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 30_000;
  server.setTimeout(5 * 60_000);
  try {
    await storage.init();
    await uploads.removeStale(staleUploadMs);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await release();
    throw err;
  }
  const bound = server.address() as AddressInfo;
  address = bound.family === 'IPv6' ? `[${bound.address}]:${bound.port}` : `${bound.address}:${bound.port}`;
  const sweeper = setInterval(() => void uploads.removeStale(staleUploadMs).catch((err: unknown) => log(`error: removing stale uploads: ${errorMessage(err)}`)), staleUploadMs);
  sweeper.unref();

  let closing: Promise<void> | undefined;
  return {
    address,
    close: () => {
      closing ??= (async () => {
        clearInterval(sweeper);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await release();
      })();
      return closing;
    },
  };
}
