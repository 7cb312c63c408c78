// Removing containers (moby daemon/delete.go) and pruning the stopped ones
// (daemon/prune.go). The row goes first, in one statement, then the
// directory: a crash in between leaves a directory without a row, which
// startup removes.
import { rm } from 'node:fs/promises';
import { Conflict, errorMessage, log } from '../../common/index.js';
import { filterValues, hasFilter, matchLabels, parseTimestamp, validateFilters } from '../../images/index.js';
import type { ContainerPruneResponse, Filters } from '../../spec/index.js';
import type { ContainerContext } from './context.js';
import { isLive, type ContainerRecord } from './container-store.js';
import { directorySize } from '../dir-size.js';

export interface RemoveOptions {
  /** Kill a running container first. */
  force?: boolean;
  /** Remove its anonymous volumes too. */
  volumes?: boolean;
}

async function destroy(ctx: ContainerContext, c: ContainerRecord, removeVolumes = false): Promise<void> {
  ctx.store.delete(c.id);
  await rm(ctx.layout.dir(c.id), { recursive: true, force: true });
  // rm -v (and --rm): the anonymous volumes go with their container; named ones stay.
  if (removeVolumes) {
    for (const m of c.settings.MountPoints) {
      if (m.Type !== 'volume' || !ctx.volumes.isAnonymous(m.Name)) continue;
      await ctx.volumes.remove(m.Name).catch((err) => log.warn('volume not removed with its container', { volume: m.Name, error: errorMessage(err) }));
    }
  }
  ctx.runner.removed(c);
}

export async function removeContainer(ctx: ContainerContext, ref: string, opts: RemoveOptions = {}): Promise<void> {
  const c = ctx.store.resolve(ref);
  if (isLive(c.state.status)) {
    if (!opts.force) {
      const state = c.state.status === 'paused' ? 'paused' : c.state.status === 'restarting' ? 'restarting' : 'running';
      throw new Conflict(`cannot remove container "${c.name}": container is ${state}: stop the container before removing or force remove`);
    }
    await ctx.runner.forceStop(c);
  }
  if (c.state.status === 'removing') throw new Conflict(`removal of container ${c.id} is already in progress`);
  await destroy(ctx, ctx.store.resolve(c.id), opts.volumes === true);
}

const pruneFilters = ['label', 'label!', 'until'];

/** ContainersPrune: every container that is not running, matching the filters; SpaceReclaimed is their rw layers' size. */
export async function pruneContainers(ctx: ContainerContext, filters: Filters = {}): Promise<ContainerPruneResponse> {
  validateFilters(filters, pruneFilters);
  const untilValues = filterValues(filters, 'until');
  const until = untilValues.length > 0 ? Math.min(...untilValues.map((v) => parseTimestamp(v))) : null;
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const c of ctx.store.all()) {
    if (isLive(c.state.status) || c.state.status === 'removing') continue;
    if (until !== null && c.created >= until) continue;
    const labels = c.settings.Config.Labels;
    if (!matchLabels(filterValues(filters, 'label'), labels)) continue;
    if (hasFilter(filters, 'label!') && matchLabels(filterValues(filters, 'label!'), labels)) continue;
    const size = await directorySize(ctx.layout.upper(c.id));
    await destroy(ctx, c);
    deleted.push(c.id);
    reclaimed += size;
  }
  return { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
}
