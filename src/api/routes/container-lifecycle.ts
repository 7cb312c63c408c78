// Container lifecycle routes (moby router/container): start, stop,
// restart, kill, wait, resize.
import { InvalidArgument } from '../../common/index.js';
import type { Query } from '../query.js';
import { sendEmpty } from '../respond.js';
import type { Router } from '../router.js';
import type { ServedEngine } from '../served-engine.js';

const waitConditions = new Set(['not-running', 'next-exit', 'removed']);

/** An integer query parameter (strconv.Atoi's message when malformed), or undefined when absent. */
export function intParam(query: Query, name: string): number | undefined {
  const text = query.get(name);
  if (text === '') return undefined;
  if (!/^[-+]?[0-9]{1,10}$/.test(text)) throw new InvalidArgument(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

function stopOptions(query: Query): { signal?: string; timeout?: number } {
  const timeout = intParam(query, 't');
  const signal = query.get('signal');
  return { ...(signal !== '' ? { signal } : {}), ...(timeout !== undefined ? { timeout } : {}) };
}

export function registerContainerLifecycleRoutes(router: Router, engine: ServedEngine): void {
  const containers = engine.containers;

  router.post('/containers/{id}/start', async ({ res, params }) => {
    sendEmpty(res, (await containers.start(params.id ?? '')) ? 204 : 304);
  });

  router.post('/containers/{id}/stop', async ({ res, params, query }) => {
    sendEmpty(res, (await containers.stop(params.id ?? '', stopOptions(query))) ? 204 : 304);
  });

  router.post('/containers/{id}/restart', async ({ res, params, query }) => {
    await containers.restart(params.id ?? '', stopOptions(query));
    sendEmpty(res, 204);
  });

  router.post('/containers/{id}/kill', async ({ res, params, query }) => {
    await containers.kill(params.id ?? '', query.get('signal') || 'SIGKILL');
    sendEmpty(res, 204);
  });

  router.post('/containers/{id}/resize', async ({ res, params, query }) => {
    await containers.resize(params.id ?? '', intParam(query, 'h') ?? 0, intParam(query, 'w') ?? 0);
    sendEmpty(res, 200);
  });

  // The status line goes out at once (moby flushes it), so a client can start the container knowing the wait is in place.
  router.post('/containers/{id}/wait', async ({ res, params, query }) => {
    const condition = query.get('condition') || 'not-running';
    if (!waitConditions.has(condition)) throw new InvalidArgument(`invalid condition: "${condition}"`);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const exited = containers.wait(params.id ?? '', condition as 'not-running' | 'next-exit' | 'removed', gone.signal);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    const code = await exited.catch(() => undefined);
    if (code !== undefined) res.end(JSON.stringify({ StatusCode: code }) + '\n');
  });
}
