// The Engine API server: version prefix, routing, common headers, and the
// one place where a thrown error becomes an HTTP response. Listening
// (unix socket, TCP) is the daemon's business.
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import https from 'node:https';
import { responseHijack, upgradeHijack, type Hijack } from './hijack.js';
import { Query } from './query.js';
import { sendError, sendJson } from './respond.js';
import { registerContainerFsRoutes } from './routes/container-fs.js';
import { registerContainerLifecycleRoutes } from './routes/container-lifecycle.js';
import { registerContainerStreamRoutes } from './routes/container-streams.js';
import { registerContainerRoutes } from './routes/containers.js';
import { registerImageRoutes } from './routes/images.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerVolumeRoutes } from './routes/volumes.js';
import { Router } from './router.js';
import type { ServedEngine } from './served-engine.js';
import { checkApiVersion, maxApiVersion, minApiVersion, versionLess } from './version.js';

export interface TlsServerOptions {
  /** PEM: the CA that client certificates must chain to. */
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

// Room for X-Registry-Auth/X-Registry-Config headers; the URL counts too.
const maxHeaderSize = 256 * 1024;
// Unread request body discarded after a failed upload before the connection is dropped.
const maxDrain = 256 * 1024;
const lingerMs = 500;
const versionPrefix = /^\/v([0-9.]+)(\/.*)$/;

/** An HTTP server (or HTTPS with mutual TLS) serving the Engine API for `engine`. */
export function createApiServer(engine: ServedEngine, options: { tls?: TlsServerOptions } = {}): http.Server | https.Server {
  const serverOptions = {
    maxHeaderSize,
    // Uploads (load, import) may take long; only the headers have a deadline.
    requestTimeout: 0,
    headersTimeout: 60_000,
  };
  const { onRequest, onUpgrade } = createApiHandler(engine);
  const server = options.tls
    ? https.createServer({ ...serverOptions, ...options.tls, requestCert: true, rejectUnauthorized: true }, onRequest)
    : http.createServer(serverOptions, onRequest);
  server.on('upgrade', onUpgrade);
  return server;
}

function createApiHandler(engine: ServedEngine): { onRequest: RequestListener; onUpgrade: (req: IncomingMessage, socket: Socket, head: Buffer) => void } {
  const router = new Router();
  registerSystemRoutes(router, engine);
  registerImageRoutes(router, engine);
  registerContainerRoutes(router, engine);
  registerContainerLifecycleRoutes(router, engine);
  registerContainerStreamRoutes(router, engine);
  registerContainerFsRoutes(router, engine);
  registerVolumeRoutes(router, engine);
  const server = `cais/${engine.version().Version} (linux)`;

  const commonHeaders = (): Record<string, string> => ({ 'Api-Version': maxApiVersion, 'Docker-Experimental': 'false', Ostype: 'linux', Server: server });

  const dispatch = (req: IncomingMessage, res: ServerResponse, hijack: Hijack | undefined): void => {
    for (const [name, value] of Object.entries(commonHeaders())) res.setHeader(name, value);

    const url = req.url ?? '/';
    const q = url.indexOf('?');
    let path = q < 0 ? url : url.slice(0, q);
    let version = maxApiVersion;
    const prefixed = path.startsWith('/v') ? versionPrefix.exec(path) : null;
    if (prefixed) {
      version = prefixed[1] ?? maxApiVersion;
      path = prefixed[2] ?? '/';
    }
    // Clients older than we serve cannot read JSON errors: moby answers them in plain text.
    const fail = (err: unknown): void => sendError(res, err, versionLess(version, minApiVersion));
    try {
      const found = router.match(req.method ?? 'GET', path);
      if (!found || (hijack !== undefined && !found.route.hijacks)) {
        sendJson(res, 404, { message: 'page not found' });
        return;
      }
      checkApiVersion(version);
      const ctx = {
        req,
        res,
        params: found.params,
        query: new Query(q < 0 ? '' : url.slice(q + 1)),
        version,
        hijack: hijack ?? responseHijack(req, res),
      };
      if (found.route.streamsBody) res.once('finish', () => discardUnread(req));
      const done = found.route.handler(ctx);
      if (done) done.catch(fail);
    } catch (err) {
      fail(err);
    }
  };

  return {
    onRequest: (req, res) => dispatch(req, res, undefined),
    // An upgrade request gets a response object on its raw socket, for answers that are not a hijack (errors).
    onUpgrade: (req, socket, head) => {
      const res = new http.ServerResponse(req);
      res.assignSocket(socket);
      res.once('finish', () => socket.end());
      socket.once('error', () => socket.destroy());
      dispatch(req, res, upgradeHijack(socket, head, commonHeaders));
    },
  };
}

/**
 * After a failed upload the client may still be sending. Read a little of
 * it so the client gets to read our answer; beyond that, close our side
 * and drop the connection a moment later, as Go's net/http does (closing
 * at once could reset the connection before the client reads the answer).
 */
function discardUnread(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  let seen = 0;
  const onData = (chunk: Buffer): void => {
    seen += chunk.length;
    if (seen <= maxDrain) return;
    req.off('data', onData);
    req.socket.end();
    setTimeout(() => req.socket.destroy(), lingerMs).unref();
  };
  req.on('data', onData);
  req.resume();
}
