// GET /containers/json (moby daemon/list.go): newest first, running ones
// unless `all`, with Docker's filters, `limit` and `before`/`since` by
// position in that order.
import { InvalidArgument, NotFound } from '../../common/index.js';
import { filterValues, hasFilter, matchLabels, validateFilters } from '../../images/index.js';
import type { ContainerSummary, Filters } from '../../spec/index.js';
import type { ContainerContext } from './context.js';
import { isLive, type ContainerRecord } from './container-store.js';
import { directorySize } from '../dir-size.js';
import { containerSummary, containerSummaryJson, type Sizes } from './views.js';
import { parsePortKey } from './networking.js';

export interface ListOptions {
  all?: boolean;
  /** The newest n containers (running or not); 0 or less for no limit. */
  limit?: number;
  size?: boolean;
  filters?: Filters;
}

const acceptedFilters = [
  'ancestor', 'before', 'exited', 'health', 'id', 'isolation', 'is-task', 'label', 'name', 'network', 'publish',
  'since', 'status', 'volume', 'expose',
];
const states = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const healthStates = ['starting', 'healthy', 'unhealthy', 'none'];


/** Filters.Match: a value matches when it is a regular expression found in the source (or equals it, when not one). */
function matches(filters: Filters, key: string, ...sources: string[]): boolean {
  const values = filterValues(filters, key);
  if (values.length === 0) return true;
  return values.some((value) => {
    let re: RegExp | undefined;
    try {
      re = new RegExp(value);
    } catch {
      re = undefined;
    }
    return sources.some((s) => (re ? re.test(s) : s === value));
  });
}

/** The sizes Docker reports with `size`: the rw layer, and it plus the image. */
export async function containerSizes(ctx: ContainerContext, c: ContainerRecord): Promise<Sizes> {
  const rw = await directorySize(ctx.layout.upper(c.id));
  let image = 0;
  try {
    image = (await ctx.images.forContainer(c.imageId)).size;
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
  }
  return { rw, rootFs: rw + image };
}

/** The image column: the name given at create while it still names the container's image, else the image id. */
function imageShown(ctx: ContainerContext, c: ContainerRecord, cache: Map<string, string | undefined>): string {
  const name = c.settings.Config.Image;
  if (name === c.imageId) return name;
  if (!cache.has(name)) {
    try {
      cache.set(name, ctx.images.resolveId(name));
    } catch (err) {
      if (!(err instanceof NotFound) && !(err instanceof InvalidArgument)) throw err;
      cache.set(name, undefined);
    }
  }
  return cache.get(name) === c.imageId ? name : c.imageId;
}

/** The network filter: a network name or id among the container's networks (moby matches either). */
function onNetwork(ctx: ContainerContext, c: ContainerRecord, values: string[]): boolean {
  const keys = Object.keys(c.settings.NetworkingConfig?.EndpointsConfig ?? {});
  return keys.some((key) => {
    const n = ctx.networks.find(key);
    return values.some((v) => v === key || (n !== undefined && (v === n.name || v === n.id)));
  });
}

/** publish= and expose=: "80", "80/udp" or "8000-8080/tcp" against the container ports it publishes or exposes, as moby matches them. */
function matchesPorts(values: string[], ports: Iterable<string>): boolean {
  const keys = [...ports].map(parsePortKey);
  return values.some((value) => {
    const [range = '', protocol = 'tcp'] = value.split('/');
    const [low = '', high = low] = range.split('-');
    if (!/^\d+$/.test(low) || !/^\d+$/.test(high)) throw new InvalidArgument(`invalid port: ${value}`);
    return keys.some((k) => k.protocol === protocol && k.port >= Number(low) && k.port <= Number(high));
  });
}

/** volume=: a volume's name or a mount's destination. */
function usesVolume(c: ContainerRecord, values: string[]): boolean {
  return c.settings.MountPoints.some((m) => values.includes(m.Destination) || (m.Type === 'volume' && values.includes(m.Name)));
}
/** The containers a list shows, in order, with the image name each shows. */
function selectContainers(ctx: ContainerContext, opts: ListOptions): { c: ContainerRecord; image: string }[] {
  const filters = opts.filters ?? {};
  validateFilters(filters, acceptedFilters);
  let all = opts.all ?? false;
  for (const value of filterValues(filters, 'status')) {
    if (!states.includes(value)) throw new InvalidArgument(`invalid filter 'status=${value}'`);
    all = true;
  }
  const health = filterValues(filters, 'health');
  for (const value of health) if (!healthStates.includes(value)) throw new InvalidArgument(`Unrecognised filter value for health: ${value}`);
  const exited = filterValues(filters, 'exited').map((value) => {
    if (!/^-?[0-9]+$/.test(value)) throw new InvalidArgument(`invalid filter 'exited=${value}'`);
    return Number(value);
  });
  let before = filterValues(filters, 'before').map((ref) => ctx.store.resolve(ref).id).at(-1);
  const since = filterValues(filters, 'since').map((ref) => ctx.store.resolve(ref).id).at(-1);
  let ancestors: Set<string> | undefined;
  if (hasFilter(filters, 'ancestor')) {
    ancestors = new Set();
    for (const ref of filterValues(filters, 'ancestor')) {
      try {
        ancestors.add(ctx.images.resolveId(ref));
      } catch (err) {
        // as Docker: an unknown image matches nothing
        if (!(err instanceof NotFound) && !(err instanceof InvalidArgument)) throw err;
      }
    }
  }
  const limit = opts.limit ?? 0;
  const labels = filterValues(filters, 'label');
  const images = new Map<string, string | undefined>();
  const out: { c: ContainerRecord; image: string }[] = [];

  for (const c of ctx.store.all()) {
    if (before !== undefined) {
      if (c.id === before) before = undefined;
      continue;
    }
    if (since !== undefined && c.id === since) break;
    if (!isLive(c.state.status) && !all && limit <= 0) continue;
    if (!matches(filters, 'name', c.name, c.name.slice(1))) continue;
    if (!matches(filters, 'id', c.id)) continue;
    if (!matchLabels(labels, c.settings.Config.Labels)) continue;
    if (limit > 0 && out.length === limit) break;
    if (exited.length > 0 && !(c.state.status === 'exited' && c.state.startedAt !== null && exited.includes(c.state.exitCode))) continue;
    if (hasFilter(filters, 'status') && !filterValues(filters, 'status').includes(c.state.status)) continue;
    if (ancestors && !ancestors.has(c.imageId)) continue;
    // moby's snapshot: the last status of a container that ever ran its healthcheck, else none.
    if (health.length > 0 && !health.includes(c.health?.Status ?? 'none')) continue;
    if (hasFilter(filters, 'network') && !onNetwork(ctx, c, filterValues(filters, 'network'))) continue;
    if (hasFilter(filters, 'volume') && !usesVolume(c, filterValues(filters, 'volume'))) continue;
    if (hasFilter(filters, 'publish') && !matchesPorts(filterValues(filters, 'publish'), Object.keys(c.settings.HostConfig.PortBindings ?? {}))) continue;
    if (hasFilter(filters, 'expose') && !matchesPorts(filterValues(filters, 'expose'), Object.keys(c.settings.Config.ExposedPorts ?? {}))) continue;
    // cais is never part of a swarm: no container is a task.
    if (filterValues(filters, 'is-task').includes('true')) continue;
    out.push({ c, image: imageShown(ctx, c, images) });
  }
  return out;
}

export async function listContainers(ctx: ContainerContext, opts: ListOptions = {}): Promise<ContainerSummary[]> {
  const now = Date.now();
  const lookups = { volumePath: (name: string): string => ctx.volumes.mountpoint(name), networks: ctx.networks };
  const out: ContainerSummary[] = [];
  for (const { c, image } of selectContainers(ctx, opts)) {
    const sizes = opts.size ? await containerSizes(ctx, c) : undefined;
    out.push(containerSummary(c, image, now, lookups, sizes));
  }
  return out;
}

/** The list as the API sends it (without sizes), from JSON kept per container: the hot path of GET /containers/json. */
export function listContainersJson(ctx: ContainerContext, opts: Omit<ListOptions, 'size'> = {}): string {
  const now = Date.now();
  const lookups = { volumePath: (name: string): string => ctx.volumes.mountpoint(name), networks: ctx.networks };
  return `[${selectContainers(ctx, opts)
    .map(({ c, image }) => containerSummaryJson(c, image, now, lookups))
    .join(',')}]`;
}
