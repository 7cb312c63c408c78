// `docker rmi` and `docker image prune`, ported from moby's classic image
// service (daemon/images/image_delete.go, image_prune.go): untag when other
// references remain, conflicts for child images and for references in
// several repositories, and "Deleted:" records for the image and for each
// layer actually removed.
import { Conflict, InvalidArgument, NotFound, digestHex, shortId, type Digest } from '../common/index.js';
import type { ImageContext } from './context.js';
import { boolFilter, filterValues, hasFilter, matchLabels, parseTimestamp, validateFilters } from './filters.js';
import {
  familiarString,
  parseNormalizedNamed,
  referenceString,
  repositoryName,
  tagNameOnly,
  type Filters,
  type ImageDeleteItem,
  type ImagePruneResponse,
  type NamedReference,
} from '../spec/index.js';

export interface RemoveOptions {
  force?: boolean;
  noPrune?: boolean;
}

class DeleteConflict extends Conflict {
  constructor(
    id: Digest,
    readonly hard: boolean,
    reason: string,
    /** A container uses the image. */
    readonly used = false,
  ) {
    super(`conflict: unable to delete ${shortId(id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${reason}`);
  }
}

// conflict kinds (moby's conflictType)
const dependentChild = 1;
const runningContainer = 2;
const activeReference = 4;
const stoppedContainer = 8;
const hardConflicts = dependentChild | runningContainer;
const softConflicts = activeReference | stoppedContainer;

function isImageIdPrefix(id: Digest, name: string): boolean {
  return id.startsWith(name) || digestHex(id).startsWith(name);
}

/** All references within one repository and at most one tag (false for none). */
function isSingleReference(refs: readonly NamedReference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: NamedReference | undefined;
  const canonical = new Set<string>();
  for (const ref of refs) {
    if (ref.digest !== undefined) canonical.add(repositoryName(ref));
    else if (single === undefined) single = ref;
    else return false;
  }
  single ??= refs[0]!;
  return canonical.size === 1 && canonical.has(repositoryName(single));
}

class Remover {
  constructor(
    private readonly ctx: ImageContext,
    readonly records: ImageDeleteItem[] = [],
  ) {}

  private removeReference(ref: NamedReference): NamedReference {
    const full = ref.digest !== undefined ? ref : tagNameOnly(ref);
    this.ctx.images.deleteReference(full);
    return full;
  }

  private conflict(id: Digest, mask: number): DeleteConflict | undefined {
    if (mask & dependentChild && this.ctx.images.children(id).length > 0) {
      return new DeleteConflict(id, true, 'image has dependent child images');
    }
    const users = this.ctx.users().get(id) ?? [];
    const running = users.find((u) => u.running);
    if (mask & runningContainer && running) {
      return new DeleteConflict(id, true, `image is being used by running container ${shortId(running.id)}`, true);
    }
    if (mask & activeReference && this.ctx.images.references(id).length > 0) {
      return new DeleteConflict(id, false, 'image is referenced in multiple repositories');
    }
    const stopped = users.find((u) => !u.running);
    if (mask & stoppedContainer && stopped) {
      return new DeleteConflict(id, false, `image is being used by stopped container ${shortId(stopped.id)}`, true);
    }
    return undefined;
  }

  private isDangling(id: Digest): boolean {
    return this.ctx.images.references(id).length === 0 && this.ctx.images.children(id).length === 0;
  }

  /** ImageDelete. Runs with the context lock held. */
  async remove(name: string, force: boolean, prune: boolean): Promise<void> {
    const img = this.ctx.images.resolve(name);
    let refs = this.ctx.images.references(img.id);
    let quiet = false;
    if (!isImageIdPrefix(img.id, name)) {
      // Untagging the last reference of an image a container uses would leave it dangling: only with force.
      const user = this.ctx.users().get(img.id)?.[0];
      if (!force && user && isSingleReference(refs)) {
        throw new Conflict(
          `conflict: unable to remove repository reference ${JSON.stringify(name)} (must force) - container ${shortId(user.id)} is using its referenced image ${shortId(img.id)}`,
        );
      }
      const parsed = parseNormalizedNamed(name);
      const removed = this.ctx.images.transaction(() => this.removeReference(parsed));
      this.records.push({ Untagged: familiarString(removed) });
      refs = this.ctx.images.references(img.id);
      if (removed.digest === undefined) {
        const name = repositoryName(removed);
        const tagLeft = refs.some((r) => r.digest === undefined && repositoryName(r) === name);
        if (!tagLeft) {
          // a tag went and only digests of its repository remain: they go too
          const remaining: NamedReference[] = [];
          for (const ref of refs) {
            if (ref.digest !== undefined && repositoryName(ref) === name) {
              this.ctx.images.deleteReference(ref);
              this.records.push({ Untagged: familiarString(ref) });
            } else remaining.push(ref);
          }
          refs = remaining;
        }
      }
      if (refs.length > 0) return;
      quiet = true;
    } else if (isSingleReference(refs)) {
      const conflict = this.conflict(img.id, force ? hardConflicts : hardConflicts | (softConflicts & ~activeReference));
      if (conflict) throw conflict;
      this.ctx.images.transaction(() => {
        for (const ref of refs) this.records.push({ Untagged: familiarString(this.removeReference(ref)) });
      });
    }
    await this.deleteImage(img.id, force, prune, quiet);
  }

  /** imageDeleteHelper: the image, its references, its unshared layers, then (prune) its parent. */
  private async deleteImage(id: Digest, force: boolean, prune: boolean, quiet: boolean): Promise<void> {
    const conflict = this.conflict(id, force ? hardConflicts : hardConflicts | softConflicts);
    if (conflict) {
      // Quietly kept unless the user should know: a dangling image nothing uses.
      if (quiet && (!this.isDangling(id) || conflict.used)) return;
      throw conflict;
    }
    const img = this.ctx.images.get(id);
    if (!img) return;
    if (this.ctx.users().has(id)) {
      // Forced, with a stopped container on it: Docker deletes the image and keeps its layers for the
      // container; cais keeps the image (untagged) until its last container goes, so its layers stay.
      this.ctx.images.transaction(() => {
        for (const ref of this.ctx.images.references(id)) this.records.push({ Untagged: familiarString(this.removeReference(ref)) });
      });
      return;
    }
    const layers = this.ctx.images.layers(id);
    this.ctx.images.transaction(() => {
      for (const ref of this.ctx.images.references(id)) {
        this.records.push({ Untagged: familiarString(this.removeReference(ref)) });
      }
      this.ctx.images.delete(id);
    });
    const removed = await this.ctx.collector.collectLocked({
      layers: new Set(layers.map((l) => l.chainId)),
      blobs: new Set([id, img.manifestDigest, ...layers.map((l) => l.blobDigest)]),
    });
    this.records.push({ Deleted: id });
    for (const layer of removed) this.records.push({ Deleted: layer.chainId });
    if (prune && img.parent !== null) await this.deleteImage(img.parent, false, true, true);
  }
}

export function removeImage(ctx: ImageContext, name: string, opts: RemoveOptions = {}): Promise<ImageDeleteItem[]> {
  return ctx.lock.run(async () => {
    const remover = new Remover(ctx);
    await remover.remove(name, opts.force ?? false, !(opts.noPrune ?? false));
    return remover.records;
  });
}

const pruneFilters = ['dangling', 'label', 'label!', 'until'];

/** ImagesPrune: dangling images by default; `dangling=false` for every image no container uses. */
export function pruneImages(ctx: ImageContext, filters: Filters = {}): Promise<ImagePruneResponse> {
  validateFilters(filters, pruneFilters);
  const danglingOnly = boolFilter(filters, 'dangling', true);
  const untilValues = filterValues(filters, 'until');
  if (untilValues.length > 1) throw new InvalidArgument('more than one until filter specified');
  const until = untilValues[0] !== undefined ? parseTimestamp(untilValues[0]) : null;

  return ctx.lock.run(async () => {
    const parents = ctx.images.parents();
    const layerSizes = new Map(ctx.layers.list().map((l) => [l.chainId as string, l.size]));
    const users = ctx.users();
    // Images containers use are never pruned, dangling or not.
    const candidates = ctx.images.all().filter((img) => !users.has(img.id) && (!danglingOnly || !parents.has(img.id)));
    const top: Digest[] = [];
    for (const img of candidates) {
      const refs = ctx.images.references(img.id);
      if (refs.length === 0 && parents.has(img.id)) continue;
      if (until !== null && (img.created === null || img.created > until)) continue;
      const labels = (await ctx.images.config(img.id)).config?.Labels;
      if (!matchLabels(filterValues(filters, 'label'), labels)) continue;
      if (hasFilter(filters, 'label!') && matchLabels(filterValues(filters, 'label!'), labels)) continue;
      top.push(img.id);
    }
    const deleted: ImageDeleteItem[] = [];
    for (const id of top) {
      const refs = ctx.images.references(id);
      const names =
        refs.length > 0
          ? !danglingOnly || !refs.some((r) => r.tag !== undefined)
            ? refs.map(referenceString)
            : []
          : [digestHex(id)];
      for (const name of names) {
        const remover = new Remover(ctx);
        try {
          await remover.remove(name, false, true);
          deleted.push(...remover.records);
        } catch (err) {
          // as Docker: an image that cannot go (or went already) is skipped
          if (!(err instanceof Conflict) && !(err instanceof NotFound)) throw err;
        }
      }
    }
    let reclaimed = 0;
    for (const item of deleted) if (item.Deleted !== undefined) reclaimed += layerSizes.get(item.Deleted) ?? 0;
    return { ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
  });
}
