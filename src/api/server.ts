// The Engine API server: version prefix, routing, common headers, and the
// one place where a thrown error becomes an HTTP response. Listening
// (unix socket, TCP) is the daemon's business.
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import https from 'node:https';
import { responseHijack, upgradeHijack, type Hijack } from './hijack.js';
import { Query } from './query.js';
import { sendError, sendJson } from './respond.js';
import { registerBuildRoutes } from './routes/build.js';
import { registerContainerFsRoutes } from './routes/container-fs.js';
import { registerContainerLifecycleRoutes } from './routes/container-lifecycle.js';
import { registerContainerOpsRoutes } from './routes/container-ops.js';
import { registerContainerStreamRoutes } from './routes/container-streams.js';
import { registerContainerRoutes } from './routes/containers.js';
import { registerExecRoutes } from './routes/exec.js';
import { registerEventRoutes } from './routes/events.js';
import { registerImageRoutes } from './routes/images.js';
import { registerRegistryRoutes } from './routes/registries.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerVolumeRoutes } from './routes/volumes.js';
import { registerNetworkRoutes } from './routes/networks.js';
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
// Upgrade requests carry small JSON options at most.
const maxUpgradeBody = 64 * 1024;
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
  // Hijacked sockets are no longer the HTTP server's: closeAllConnections() must end them too, or a shutdown waits for every attach to end.
  const hijacked = new Set<Socket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    hijacked.add(socket);
    socket.once('close', () => hijacked.delete(socket));
    onUpgrade(req, socket, head);
  });
  const closeAllConnections = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeAllConnections();
    for (const socket of hijacked) socket.destroy();
  };
  return server;
}

function createApiHandler(engine: ServedEngine): { onRequest: RequestListener; onUpgrade: (req: IncomingMessage, socket: Socket, head: Buffer) => void } {
  const router = new Router();
  registerSystemRoutes(router, engine);
  registerImageRoutes(router, engine);
  registerRegistryRoutes(router, engine);
  registerBuildRoutes(router, engine);
  registerContainerRoutes(router, engine);
  registerContainerLifecycleRoutes(router, engine);
  registerContainerStreamRoutes(router, engine);
  registerExecRoutes(router, engine);
  registerContainerOpsRoutes(router, engine);
  registerEventRoutes(router, engine);
  registerContainerFsRoutes(router, engine);
  registerVolumeRoutes(router, engine);
  registerNetworkRoutes(router, engine);
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
      takeUpgradeBody(req, socket, head).then(
        (body) => dispatch(body.req, res, upgradeHijack(socket, body.rest, commonHeaders)),
        () => socket.destroy(),
      );
    },
  };
}

/**
 * An upgrade request's body (exec start sends its options in one) comes
 * with the upgraded stream: Node hands it over in `head` (and the socket)
 * and ends `req` without it. The Content-Length bytes are taken from there
 * and given to a copy of `req` to read; what follows is the client's stdin.
 */
async function takeUpgradeBody(req: IncomingMessage, socket: Socket, head: Buffer): Promise<{ req: IncomingMessage; rest: Buffer }> {
  const length = Number(req.headers['content-length'] ?? 0);
  // Too long: readJsonBody refuses it by its header.
  if (!Number.isSafeInteger(length) || length <= 0 || length > maxUpgradeBody) return { req, rest: head };
  let data = head;
  if (data.length < length) {
    data = await new Promise<Buffer>((resolve, reject) => {
      const chunks = [head];
      let size = head.length;
      const stop = (): void => {
        socket.pause();
        socket.off('data', onData);
        socket.off('end', onEnd);
      };
      const onData = (chunk: Buffer): void => {
        chunks.push(chunk);
        size += chunk.length;
        if (size < length) return;
        stop();
        resolve(Buffer.concat(chunks));
      };
      const onEnd = (): void => {
        stop();
        reject(new Error('the connection ended before the request body'));
      };
      socket.on('data', onData);
      socket.once('end', onEnd);
    });
  }
  const copy = new http.IncomingMessage(socket);
  // complete: else, once read and destroyed, the copy would take itself for aborted and destroy the socket.
  Object.assign(copy, { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, httpVersion: req.httpVersion, complete: true });
  // Both at once, so the copy never asks the (upgraded) socket for more.
  copy.push(data.subarray(0, length));
  copy.push(null);
  return { req: copy, rest: data.subarray(length) };
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
