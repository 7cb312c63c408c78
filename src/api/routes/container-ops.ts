// Running containers, looked at and changed (moby router/container): top,
// stats, pause, unpause, rename and update.
import { InvalidArgument } from '../../common/index.js';
import { parseContainerUpdate } from '../../spec/docker-validate/index.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

export function registerContainerOpsRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.get('/containers/{id}/top', async ({ res, params, query }) =>
    sendJson(res, 200, await containers.top(params.id ?? '', query.get('ps_args'))),
  );

  // The status line goes out at once, as moby flushes it: a stream for a stopped container may wait long for its first sample.
  router.get('/containers/{id}/stats', async ({ res, params, query }) => {
    const stream = query.boolOr('stream', true);
    const oneShot = query.bool('one-shot');
    if (stream && oneShot) throw new InvalidArgument('cannot have stream=true and one-shot=true');
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const samples = containers.stats(params.id ?? '', { stream, oneShot, signal: gone.signal });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    for await (const sample of samples) {
      if (gone.signal.aborted) break;
      res.write(JSON.stringify(sample) + '\n');
    }
    res.end();
  });

  router.post('/containers/{id}/pause', async ({ res, params }) => {
    await containers.pause(params.id ?? '');
    sendEmpty(res, 204);
  });

  router.post('/containers/{id}/unpause', async ({ res, params }) => {
    await containers.unpause(params.id ?? '');
    sendEmpty(res, 204);
  });

  router.post('/containers/{id}/rename', ({ res, params, query }) => {
    containers.rename(params.id ?? '', query.get('name'));
    sendEmpty(res, 204);
    return Promise.resolve();
  });

  router.post(
    '/containers/{id}/update',
    async ({ req, res, params }) => sendJson(res, 200, await containers.update(params.id ?? '', parseContainerUpdate(await readJsonBody(req)))),
    { streamsBody: true },
  );
}
