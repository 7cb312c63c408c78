// The read side of the image service: list (with Docker's filters), inspect
// and history, ported from moby's classic image service (daemon/images).
import { InvalidArgument, type Digest } from '../common/index.js';
import {
  familiarMatch,
  familiarString,
  type ContainerConfig,
  type Filters,
  type ImageHistoryItem,
  type ImageInspect,
  type ImageSummary,
  type NamedReference,
} from '../spec/index.js';
import type { ImageContext } from './context.js';
import { boolFilter, filterValues, hasFilter, matchLabels, parseTimestamp, validateFilters } from './filters.js';
import type { ImageRecord } from './image-store.js';
import { formatCreated, parseCreated, unixSeconds } from './time-format.js';

export interface ListOptions {
  all?: boolean;
  digests?: boolean;
  sharedSize?: boolean;
  /** Fill in Containers (system df does). */
  containerCount?: boolean;
  filters?: Filters;
}

const listFilters = ['dangling', 'label', 'before', 'since', 'reference', 'until'];

function splitReferences(refs: readonly NamedReference[]): { tags: string[]; digests: string[] } {
  const tags: string[] = [];
  const digests: string[] = [];
  for (const ref of refs) {
    if (ref.digest !== undefined) digests.push(familiarString(ref));
    if (ref.tag !== undefined) tags.push(familiarString(ref));
  }
  return { tags, digests };
}

/** ImageService.Images of moby's classic store. */
export async function listImages(ctx: ImageContext, opts: ListOptions = {}): Promise<ImageSummary[]> {
  const filters = opts.filters ?? {};
  validateFilters(filters, listFilters);
  const danglingOnly = boolFilter(filters, 'dangling', false);

  let before: number | null = null;
  for (const value of filterValues(filters, 'before')) {
    const created = ctx.images.resolve(value).created;
    if (created !== null && (before === null || created < before)) before = created;
  }
  for (const value of filterValues(filters, 'until')) {
    const ts = parseTimestamp(value);
    if (before === null || ts < before) before = ts;
  }
  let since: number | null = null;
  for (const value of filterValues(filters, 'since')) {
    const created = ctx.images.resolve(value).created;
    if (created !== null && (since === null || created > since)) since = created;
  }
  const referencePatterns = filterValues(filters, 'reference');
  const labelFilter = filterValues(filters, 'label');

  const all = ctx.images.all();
  const parents = ctx.images.parents();
  const selected = danglingOnly ? all.filter((img) => !parents.has(img.id)) : all;
  const references = ctx.images.allReferences();
  const users = opts.containerCount ? ctx.users() : undefined;
  const summaries: { summary: ImageSummary; record: ImageRecord }[] = [];

  for (const img of selected) {
    if (before !== null && (img.created === null || img.created >= before)) continue;
    if (since !== null && (img.created === null || img.created <= since)) continue;
    const config = await ctx.images.config(img.id);
    if (hasFilter(filters, 'label') && !matchLabels(labelFilter, config.config?.Labels)) continue;

    let refs = references.get(img.id) ?? [];
    if (hasFilter(filters, 'reference')) refs = refs.filter((ref) => referencePatterns.some((p) => familiarMatch(p, ref)));
    const { tags, digests } = splitReferences(refs);
    if (tags.length === 0 && digests.length === 0) {
      if (!opts.all && parents.has(img.id)) continue; // an intermediate image
      if (hasFilter(filters, 'dangling') && !danglingOnly) continue;
      if (hasFilter(filters, 'reference')) continue;
    } else if (danglingOnly && tags.length > 0) continue;

    summaries.push({
      record: img,
      summary: {
        Id: img.id,
        ParentId: img.parent ?? '',
        RepoTags: tags,
        RepoDigests: digests,
        Created: unixSeconds(img.created),
        Size: img.size,
        SharedSize: -1,
        Labels: config.config?.Labels ?? {},
        Containers: users ? (users.get(img.id)?.length ?? 0) : -1,
      },
    });
  }

  if (opts.sharedSize) {
    const layerRefs = new Map<Digest, number>();
    const chains = new Map<Digest, Digest[]>();
    for (const img of all) {
      const chain = ctx.images.layers(img.id).map((l) => l.chainId);
      chains.set(img.id, chain);
      for (const id of chain) layerRefs.set(id, (layerRefs.get(id) ?? 0) + 1);
    }
    const sizes = new Map(ctx.layers.list().map((l) => [l.chainId, l.size]));
    for (const { summary, record } of summaries) {
      summary.SharedSize = 0;
      for (const id of chains.get(record.id) ?? []) {
        if ((layerRefs.get(id) ?? 0) > 1) summary.SharedSize += sizes.get(id) ?? 0;
      }
    }
  }

  // newest first, as Docker sorts (ties by id, for a stable order)
  summaries.sort((a, b) => b.summary.Created - a.summary.Created || (a.summary.Id < b.summary.Id ? -1 : 1));
  return summaries.map((s) => s.summary);
}

// The fields of ImageInspect.Config in API v1.50 (DockerOCIImageConfig).
const imageConfigFields = [
  'User', 'ExposedPorts', 'Env', 'Cmd', 'Healthcheck', 'ArgsEscaped', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild',
  'Labels', 'StopSignal', 'Shell',
] as const;

function apiConfig(config: ContainerConfig | undefined): ContainerConfig {
  const out: Record<string, unknown> = {};
  for (const field of imageConfigFields) {
    const value = config?.[field];
    if (value !== undefined && value !== null && value !== '') out[field] = value;
  }
  return out as ContainerConfig;
}

export async function inspectImage(ctx: ImageContext, name: string): Promise<ImageInspect> {
  const img = ctx.images.resolve(name);
  const config = await ctx.images.config(img.id);
  const { tags, digests } = splitReferences(ctx.images.references(img.id));
  const chain = ctx.images.layers(img.id).map((l) => l.chainId);
  const data: Record<string, string> = {};
  if (chain.length > 1) data.LowerDir = chain.slice(0, -1).reverse().map((id) => ctx.layers.diffPath(id)).join(':');
  if (img.topLayer !== null) data.UpperDir = ctx.layers.diffPath(img.topLayer);
  const extra = config as Record<string, unknown>;
  return {
    Id: img.id,
    RepoTags: tags,
    RepoDigests: digests,
    Parent: img.parent ?? '',
    Comment: typeof extra.comment === 'string' ? extra.comment : '',
    Created: formatCreated(config.created),
    DockerVersion: typeof extra.docker_version === 'string' ? extra.docker_version : '',
    Author: config.author ?? '',
    Config: apiConfig(config.config),
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    ...(config['os.version'] ? { OsVersion: config['os.version'] } : {}),
    Size: img.size,
    GraphDriver: { Name: 'overlay2', Data: data },
    RootFS: { Type: 'layers', Layers: config.rootfs.diff_ids },
    Metadata: { LastTagTime: img.lastTagTime === null ? '0001-01-01T00:00:00Z' : new Date(img.lastTagTime).toISOString() },
  };
}

/** ImageHistory: config.history newest first; sizes from the layers the entries created. */
export async function imageHistory(ctx: ImageContext, name: string): Promise<ImageHistoryItem[]> {
  const img = ctx.images.resolve(name);
  const config = await ctx.images.config(img.id);
  const chain = ctx.images.layers(img.id).map((l) => l.chainId);
  const sizes = new Map(ctx.layers.list().map((l) => [l.chainId, l.size]));
  const history: ImageHistoryItem[] = [];
  let layer = 0;
  for (const h of config.history ?? []) {
    let size = 0;
    if (!h.empty_layer) {
      const chainId = chain[layer];
      if (chainId === undefined) throw new InvalidArgument('too many non-empty layers in History section');
      size = sizes.get(chainId) ?? 0;
      layer++;
    }
    history.unshift({
      Id: '<missing>',
      Created: unixSeconds(parseCreated(h.created)),
      CreatedBy: h.created_by ?? '',
      Tags: [],
      Size: size,
      Comment: h.comment ?? '',
    });
  }
  // The top entry is the image; each older entry is its parent, while parents are known.
  let current: ImageRecord | undefined = img;
  for (const entry of history) {
    if (!current) break;
    entry.Id = current.id;
    entry.Tags = splitReferences(ctx.images.references(current.id)).tags;
    current = current.parent === null ? undefined : ctx.images.get(current.parent);
  }
  return history;
}
