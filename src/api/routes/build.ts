// POST /build and /build/prune (moby daemon/server/router/build): the
// classic builder's query parameters, checked here and handed to the
// engine as BuildOptions; the body is the context tar. Progress streams as
// the classic builder's text, or as BuildKit-like vertices for cais's CLI
// (`progress=cais`, see spec/docker/build.ts).
import { InvalidArgument, NotImplemented } from '../../common/index.js';
import { LegacyStream, VertexStream, type BuildOptions, type BuildProgress } from '../../engine/index.js';
import { parseNormalizedNamed, tagNameOnly, type JsonMessage, type NamedReference } from '../../spec/index.js';
import { parseFilters } from '../filters.js';
import { readJsonBody } from '../json-body.js';
import { streamJsonMessages } from '../json-stream.js';
import type { Query } from '../query.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

/** A context of a million files lists in about 100 MiB. */
const maxSyncBody = 128 * 1024 * 1024;

/** A JSON query value (buildargs, labels, ulimits), or `fallback` when absent. */
function jsonParam<T>(query: Query, name: string, fallback: T, valid: (v: unknown) => v is T): T {
  const raw = query.get(name);
  if (raw === '') return fallback;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new InvalidArgument(`invalid ${name} parameter: not JSON`);
  }
  if (value === null) return fallback;
  if (!valid(value)) throw new InvalidArgument(`invalid ${name} parameter`);
  return value;
}

const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
const isArgMap = (v: unknown): v is Record<string, string | null> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' || x === null);
const isUlimits = (v: unknown): v is BuildOptions['ulimits'] =>
  Array.isArray(v) && v.every((u) => typeof u === 'object' && u !== null && typeof u.Name === 'string' && Number.isInteger(u.Soft) && Number.isInteger(u.Hard));

function intParam(query: Query, name: string): number {
  const raw = query.get(name);
  if (raw === '') return 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new InvalidArgument(`invalid ${name} parameter: ${raw}`);
  return n;
}

function tags(query: Query): NamedReference[] {
  return query.all('t').filter((t) => t !== '').map((t) => {
    const ref = parseNormalizedNamed(t);
    if (ref.digest !== undefined) throw new InvalidArgument(`invalid reference format: build tag cannot contain a digest: ${t}`);
    return tagNameOnly(ref);
  });
}

export function buildOptions(query: Query): BuildOptions {
  if (query.get('remote') !== '') throw new NotImplemented('remote build contexts (git, URLs) are not supported by cais yet: send the context as the body');
  if (query.get('version') === '2') throw new NotImplemented('BuildKit sessions are not supported: cais serves the classic builder API (DOCKER_BUILDKIT=0)');
  if (query.bool('squash')) throw new InvalidArgument('squash is only supported with experimental mode');
  const buildArgs = jsonParam(query, 'buildargs', {}, isArgMap);
  return {
    tags: tags(query),
    buildArgs: new Map(Object.entries(buildArgs)),
    ...(query.get('target') !== '' && { target: query.get('target') }),
    noCache: query.bool('nocache'),
    pull: query.bool('pull'),
    labels: jsonParam(query, 'labels', {}, isStringMap),
    networkMode: query.get('networkmode') === '' ? 'default' : query.get('networkmode'),
    extraHosts: query.all('extrahosts').flatMap((h) => h.split(',')).filter((h) => h !== ''),
    resources: {
      memory: intParam(query, 'memory'),
      memorySwap: intParam(query, 'memswap'),
      cpuShares: intParam(query, 'cpushares'),
      cpusetCpus: query.get('cpusetcpus'),
      cpusetMems: query.get('cpusetmems'),
      cpuPeriod: intParam(query, 'cpuperiod'),
      cpuQuota: intParam(query, 'cpuquota'),
      shmSize: intParam(query, 'shmsize'),
    },
    ulimits: jsonParam(query, 'ulimits', [], isUlimits),
    cgroupParent: query.get('cgroupparent'),
    ...(query.get('platform') !== '' && { platform: query.get('platform') }),
    removeContainers: query.boolOr('rm', true) || query.bool('forcerm'),
    quiet: query.bool('q'),
  };
}

function progressFor(query: Query, write: (m: JsonMessage) => void, quiet: boolean): BuildProgress {
  return query.get('progress') === 'cais' ? new VertexStream(write) : new LegacyStream(write, quiet);
}

export function registerBuildRoutes(router: Router, engine: ServedEngine): void {
  router.post(
    '/build',
    async ({ req, res, query }) => {
      const options = buildOptions(query);
      const abort = new AbortController();
      res.on('close', () => abort.abort(new Error('the client went away')));
      const dockerfile = query.get('dockerfile') || undefined;
      const session = query.get('context-session');
      const context = session === '' ? await engine.builds.receiveContext(req, dockerfile) : await engine.builds.receiveSessionContext(session, req, dockerfile);
      await streamJsonMessages(res, async (write) => {
        const progress = progressFor(query, write, options.quiet);
        const built = await engine.builds.build(context, options, progress, abort.signal);
        write({ aux: { ID: built.id } });
        if (options.quiet) write({ stream: `${built.id}\n` });
        progress.built(built.id, built.tags);
      });
    },
    { streamsBody: true },
  );

  // cais's incremental context: the entry list of a context the daemon may have kept.
  router.post('/build/context', async ({ req, res }) => sendJson(res, 200, await engine.builds.syncContext(await readJsonBody(req, maxSyncBody))));

  router.post('/build/prune', async ({ res, query }) => {
    const keep = query.get('reserved-space') || query.get('keep-storage');
    const filters = parseFilters(query.get('filters'));
    sendJson(res, 200, await engine.builds.prune({ all: query.bool('all'), filters, ...(keep !== '' && { keepBytes: intParam(query, keep === query.get('keep-storage') ? 'keep-storage' : 'reserved-space') }) }));
  });
}
