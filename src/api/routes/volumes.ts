// Volume routes (moby daemon/server/router/volume): create, list, inspect,
// remove and prune of the local driver's volumes.
import { parseVolumeCreate } from '../../spec/docker-validate/index.js';
import { parseFilters } from '../filters.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';
import { versionLess } from '../version.js';

/** A create body is four small fields; anything near this is not one. */
const maxCreateBody = 64 * 1024;

export function registerVolumeRoutes(router: Router, engine: ServedEngine): void {
  const volumes = engine.volumes;

  router.get('/volumes', ({ res, query }) => sendJson(res, 200, volumes.list(parseFilters(query.get('filters')))));

  router.post(
    '/volumes/create',
    async ({ req, res }) => sendJson(res, 201, await volumes.create(parseVolumeCreate(await readJsonBody(req, maxCreateBody)))),
    { streamsBody: true },
  );

  router.post('/volumes/prune', async ({ res, query, version }) => {
    const filters = parseFilters(query.get('filters'));
    // Before API 1.42 prune removed named volumes too.
    if (versionLess(version, '1.42')) filters.all = ['true'];
    sendJson(res, 200, await volumes.prune(filters));
  });

  router.get('/volumes/{name}', ({ res, params }) => sendJson(res, 200, volumes.inspect(params.name ?? '')));

  router.delete('/volumes/{name}', async ({ res, params, query }) => {
    await volumes.remove(params.name ?? '', { force: query.bool('force') });
    sendEmpty(res, 204);
  });
}
