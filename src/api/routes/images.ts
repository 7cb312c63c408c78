// Image routes (moby daemon/server/router/image). Names may hold slashes
// and colons, so they are matched greedily up to the known suffix.
import { pipeline } from 'node:stream/promises';
import { InvalidArgument, NotImplemented, log, errorMessage } from '../../common/index.js';
import { parseFilters } from '../filters.js';
import { streamJsonMessages } from '../json-stream.js';
import { sendEmpty, sendJson } from '../respond.js';
import type { RequestContext, Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';
import { versionLess } from '../version.js';
import { inspectForVersion, summaryForVersion } from './image-compat.js';
import { pullImage } from './registries.js';

export function registerImageRoutes(router: Router, engine: ServedEngine): void {
  const images = engine.images;

  router.get('/images/json', async ({ res, query, version }) => {
    const filters = parseFilters(query.get('filters'));
    // API < 1.25 clients send a single reference glob as `filter`.
    if (versionLess(version, '1.25') && !('reference' in filters) && query.get('filter') !== '') {
      filters.reference = [query.get('filter')];
    }
    const list = await images.list({
      all: query.bool('all'),
      digests: query.bool('digests'),
      sharedSize: !versionLess(version, '1.42') && query.bool('shared-size'),
      filters,
    });
    sendJson(res, 200, list.map((image) => summaryForVersion(image, version)));
  });

  router.post('/images/create', (ctx) => createImage(ctx, engine), { streamsBody: true });

  router.get('/images/get', ({ res, query }) => sendArchive(res, engine, query.all('names')));
  router.get('/images/{name:.*}/get', ({ res, params }) => sendArchive(res, engine, [name(params)]));

  router.get('/images/{name:.*}/history', async ({ res, params }) =>
    sendJson(res, 200, await images.history(name(params))),
  );

  router.get('/images/{name:.*}/json', async ({ res, params, version }) =>
    sendJson(res, 200, inspectForVersion(await images.inspect(name(params)), version)),
  );

  router.post(
    '/images/load',
    ({ req, res, query }) => streamJsonMessages(res, (write) => images.load(req, { quiet: query.boolOr('quiet', true) }, write)),
    { streamsBody: true },
  );

  router.post('/images/{name:.*}/tag', async ({ res, params, query }) => {
    await images.tag(name(params), query.get('repo'), query.get('tag') || undefined);
    sendEmpty(res, 201);
  });

  router.post('/images/prune', async ({ res, query }) =>
    sendJson(res, 200, await images.prune({ filters: parseFilters(query.get('filters')) })),
  );

  router.delete('/images/{name:.*}', async ({ res, params, query }) => {
    const image = name(params);
    if (image.trim() === '') throw new InvalidArgument('image name cannot be blank');
    sendJson(res, 200, await images.remove(image, { force: query.bool('force'), noPrune: query.bool('noprune') }));
  });
}

function name(params: Readonly<Record<string, string>>): string {
  return params.name ?? '';
}

/** POST /images/create: a pull (fromImage), or an import from the request body (fromSrc=-). */
async function createImage(ctx: RequestContext, engine: ServedEngine): Promise<void> {
  const { req, res, query, version } = ctx;
  if (query.get('fromImage') !== '') return pullImage(ctx, engine);
  const src = query.get('fromSrc');
  if (src === '') throw new InvalidArgument('fromImage or fromSrc is required');
  if (src !== '-') throw new NotImplemented(`importing from ${src} is not supported: send the archive as the request body (fromSrc=-)`);
  await streamJsonMessages(res, async (write) => {
    const id = await engine.images.import(req, {
      repo: query.get('repo') || undefined,
      tag: query.get('tag') || undefined,
      changes: query.all('changes'),
      // moby's default comment for an import.
      message: query.get('message') || `Imported from ${src}`,
      // The platform parameter exists from API 1.32 on.
      platform: versionLess(version, '1.32') ? undefined : query.get('platform') || undefined,
    });
    write({ status: id });
  });
}

/** GET /images/get and /images/{name}/get: a docker-archive tar of the named images. */
async function sendArchive(res: RequestContext['res'], engine: ServedEngine, names: string[]): Promise<void> {
  // save() rejects before the first byte on an unknown name, so that gets a proper status.
  const tar = await engine.images.save(names);
  res.writeHead(200, { 'Content-Type': 'application/x-tar' });
  try {
    await pipeline(tar, res);
  } catch (err) {
    // pipeline destroyed the response, so the client sees a truncated body.
    log.warn('image archive stream failed', { error: errorMessage(err) });
  }
}
