// Exec instances (moby router/container exec.go): create, start (hijacked
// as attach is, unless detached), inspect and resize.
import { InvalidArgument, errorMessage } from '../../common/index.js';
import { parseExecCreate, parseExecStart } from '../../spec/docker-validate/index.js';
import { frame } from '../hijack.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';
import { versionLess } from '../version.js';
import { contentType, relayStreams } from './container-streams.js';
import { intParam } from './container-lifecycle.js';

export function registerExecRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.post('/containers/{id}/exec', async ({ req, res, params, version }) => {
    const body = parseExecCreate(await readJsonBody(req));
    if (body.Cmd.length === 0) throw new InvalidArgument('No exec command specified');
    // ConsoleSize came with API 1.42.
    if (versionLess(version, '1.42')) body.ConsoleSize = null;
    sendJson(res, 201, { Id: containers.createExec(params.id ?? '', body) });
  });

  router.add(
    'POST',
    '/exec/{id}/start',
    async ({ req, res, params, version, hijack }) => {
      const id = params.id ?? '';
      // moby reads an empty body as the defaults.
      const empty = req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
      const body = parseExecStart(empty ? {} : await readJsonBody(req));
      containers.inspectExec(id);
      const consoleSize = versionLess(version, '1.42') ? null : body.ConsoleSize;
      if (body.Detach) {
        await containers.startExec(id, { detach: true, consoleSize });
        sendEmpty(res, 200);
        return;
      }
      // As moby: the connection is taken over first; a failure to start is told on it (then the exec's exit code says 126/127).
      const conn = hijack(contentType(body.Tty, version));
      let streams;
      try {
        streams = await containers.startExec(id, { detach: false, consoleSize });
      } catch (err) {
        const text = Buffer.from(`${errorMessage(err)}\r\n`);
        conn.output.write(body.Tty ? text : frame(1, text));
        conn.end();
        return;
      }
      // Framed or raw as the start asked (docker asks as it created the exec).
      if (streams !== undefined) relayStreams(conn, { ...streams, tty: body.Tty });
    },
    { hijacks: true },
  );

  router.get('/exec/{id}/json', ({ res, params }) => {
    sendJson(res, 200, containers.inspectExec(params.id ?? ''));
  });

  router.post('/exec/{id}/resize', async ({ res, params, query }) => {
    await containers.resizeExec(params.id ?? '', intParam(query, 'h') ?? 0, intParam(query, 'w') ?? 0);
    sendEmpty(res, 200);
  });
}
