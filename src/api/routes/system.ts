// System routes: /_ping, /version, /info, /system/df
// (moby daemon/server/router/system).
import type { ServerResponse } from 'node:http';
import type { EngineVersion } from '../../engine/index.js';
import type { SystemVersion } from '../../spec/index.js';
import { maxApiVersion, minApiVersion } from '../version.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

const pingHeaders = {
  'Cache-Control': 'no-cache, no-store, must-revalidate',
  Pragma: 'no-cache',
  // The classic builder; BuildKit ("2") is not served.
  'Builder-Version': '1',
  Swarm: 'inactive',
  'Content-Type': 'text/plain; charset=utf-8',
};
const pingGetHeaders = { ...pingHeaders, 'Content-Length': 2 };
const pingHeadHeaders = { ...pingHeaders, 'Content-Length': 0 };

function ping(res: ServerResponse, withBody: boolean): void {
  res.writeHead(200, withBody ? pingGetHeaders : pingHeadHeaders);
  res.end(withBody ? 'OK' : undefined);
}

/**
 * The API layer is the authority on which API versions are served: the
 * top-level fields, and the Engine component's details, which is where
 * the docker CLI reads them.
 */
function withApiVersions(version: EngineVersion): SystemVersion {
  const apiVersions = { ApiVersion: maxApiVersion, MinAPIVersion: minApiVersion };
  return {
    ...version,
    ...apiVersions,
    Components: version.Components.map((c) => (c.Name === 'Engine' ? { ...c, Details: { ...c.Details, ...apiVersions } } : c)),
  };
}

export function registerSystemRoutes(router: Router, engine: ServedEngine): void {
  router.get('/_ping', ({ res }) => ping(res, true));
  router.add('HEAD', '/_ping', ({ res }) => ping(res, false));

  router.get('/version', ({ res }) => sendJson(res, 200, withApiVersions(engine.version())));

  router.get('/info', async ({ res }) => sendJson(res, 200, await engine.info()));

  router.get('/system/df', async ({ res }) => sendJson(res, 200, await engine.dataUsage()));
}
