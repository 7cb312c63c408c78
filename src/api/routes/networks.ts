// Network routes (moby daemon/server/router/network): list, inspect,
// create, remove, prune, connect and disconnect.
import { parseNetworkConnect, parseNetworkCreate, parseNetworkDisconnect } from '../../spec/docker-validate/index.js';
import { parseFilters } from '../filters.js';
import { readJsonBody } from '../json-body.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

/** Create and connect bodies are a few small fields; anything near this is not one. */
const maxBody = 256 * 1024;

export function registerNetworkRoutes(router: Router, engine: ServedEngine): void {
  const networks = engine.networks;

  router.get('/networks', ({ res, query }) => sendJson(res, 200, networks.list(parseFilters(query.get('filters')))));

  router.post('/networks/create', async ({ req, res }) => sendJson(res, 201, networks.create(parseNetworkCreate(await readJsonBody(req, maxBody)))), {
    streamsBody: true,
  });

  router.post('/networks/prune', async ({ res, query }) => sendJson(res, 200, await networks.prune(parseFilters(query.get('filters')))));

  router.get('/networks/{id}', ({ res, params }) => sendJson(res, 200, networks.inspect(params.id ?? '')));

  router.delete('/networks/{id}', async ({ res, params }) => {
    await networks.remove(params.id ?? '');
    sendEmpty(res, 204);
  });

  router.post(
    '/networks/{id}/connect',
    async ({ req, res, params }) => {
      const body = parseNetworkConnect(await readJsonBody(req, maxBody));
      await networks.connect(params.id ?? '', body.Container, body.EndpointConfig);
      sendEmpty(res, 200);
    },
    { streamsBody: true },
  );

  router.post(
    '/networks/{id}/disconnect',
    async ({ req, res, params }) => {
      const body = parseNetworkDisconnect(await readJsonBody(req, maxBody));
      await networks.disconnect(params.id ?? '', body.Container, body.Force);
      sendEmpty(res, 200);
    },
    { streamsBody: true },
  );
}
