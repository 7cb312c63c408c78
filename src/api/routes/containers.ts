// Container routes (moby daemon/server/router/container): create, list,
// inspect, remove and prune. Running containers come with the runtime.
import { InvalidArgument } from '../../common/index.js';
import { parseContainerCreate } from '../../spec/docker-validate/index.js';
import { parseFilters } from '../filters.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson, sendJsonText } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

export function registerContainerRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.post(
    '/containers/create',
    async ({ req, res, query }) => {
      const body = parseContainerCreate(await readJsonBody(req));
      sendJson(res, 201, await containers.create(body, query.get('name')));
    },
    { streamsBody: true },
  );

  router.get('/containers/json', async ({ res, query }) => {
    const limit = query.get('limit');
    if (limit !== '' && !/^[-+]?[0-9]+$/.test(limit)) throw new InvalidArgument(`strconv.Atoi: parsing ${JSON.stringify(limit)}: invalid syntax`);
    const opts = { all: query.bool('all'), limit: limit === '' ? 0 : Number(limit), filters: parseFilters(query.get('filters')) };
    if (query.bool('size')) sendJson(res, 200, await containers.list({ ...opts, size: true }));
    else sendJsonText(res, 200, containers.listJson(opts));
  });

  router.post('/containers/prune', async ({ res, query }) =>
    sendJson(res, 200, await containers.prune(parseFilters(query.get('filters')))),
  );

  router.get('/containers/{id}/json', async ({ res, params, query }) =>
    sendJson(res, 200, await containers.inspect(params.id ?? '', { size: query.bool('size') })),
  );

  router.delete('/containers/{id}', async ({ res, params, query }) => {
    await containers.remove(params.id ?? '', { force: query.bool('force'), volumes: query.bool('v') });
    sendEmpty(res, 204);
  });
}
