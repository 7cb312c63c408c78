// POST /containers/{id}/update (moby daemon/update.go, container
// UpdateContainer): new limits and restart policy are stored, and applied
// at once to a running container through the runtime.
import { Conflict } from '../../common/index.js';
import { buildResources } from '../../runtime/index.js';
import type { ContainerUpdateRequest, ContainerUpdateResponse, HostConfig } from '../../spec/index.js';
import { verifyContainerSettings, verifyRestartPolicy } from '../../spec/docker-validate/index.js';
import type { ContainerContext } from './context.js';
import { containerEvent } from './events.js';
import { resourceSettings } from './runtime-settings.js';

/** The HostConfig after an update: fields sent non-zero replace the current ones, with moby's checks of what may change. */
export function mergeUpdate(current: HostConfig, req: ContainerUpdateRequest): HostConfig {
  const conflict = (message: string): Conflict => new Conflict(message);
  const { NanoCpus = 0, CpuPeriod = 0, CpuQuota = 0, Memory = 0, MemorySwap = 0 } = req;
  if (NanoCpus > 0 && current.CpuPeriod > 0) throw conflict('Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set');
  if (NanoCpus > 0 && current.CpuQuota > 0) throw conflict('Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set');
  if (CpuPeriod > 0 && current.NanoCpus > 0) throw conflict('Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set');
  if (CpuQuota > 0 && current.NanoCpus > 0) throw conflict('Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set');
  if (Memory !== 0 && current.MemorySwap > 0 && Memory > current.MemorySwap && MemorySwap === 0) {
    throw conflict('Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
  }
  const next: HostConfig = { ...current };
  const numbers = ['BlkioWeight', 'CpuShares', 'NanoCpus', 'CpuPeriod', 'CpuQuota', 'Memory', 'MemorySwap', 'MemoryReservation'] as const;
  for (const key of numbers) {
    const value = req[key];
    if (value !== undefined && value !== 0) next[key] = value;
  }
  if (req.CpusetCpus) next.CpusetCpus = req.CpusetCpus;
  if (req.CpusetMems) next.CpusetMems = req.CpusetMems;
  if (req.PidsLimit !== undefined) next.PidsLimit = req.PidsLimit;
  const policy = req.RestartPolicy;
  if (policy !== undefined && policy.Name !== '') {
    if (policy.Name !== 'no' && current.AutoRemove) throw conflict('Restart policy cannot be updated because AutoRemove is enabled for the container');
    next.RestartPolicy = policy;
  }
  return next;
}

export async function updateContainer(ctx: ContainerContext, ref: string, req: ContainerUpdateRequest): Promise<ContainerUpdateResponse> {
  if (req.RestartPolicy !== undefined && req.RestartPolicy.Name !== '') verifyRestartPolicy(req.RestartPolicy);
  const c = ctx.store.resolve(ref);
  const cannot = (message: string): string => `Cannot update container ${c.id}: ${message}`;
  if (c.state.status === 'removing' || c.state.status === 'dead') throw new Conflict(cannot('container is marked for removal and cannot be "update"'));
  let host: HostConfig;
  try {
    host = mergeUpdate(c.settings.HostConfig, req);
  } catch (err) {
    if (err instanceof Conflict) throw new Conflict(cannot(err.message), { cause: err });
    throw err;
  }
  const settings = { ...c.settings, HostConfig: host };
  verifyContainerSettings(settings, { ncpu: ctx.ncpu });
  const resources = buildResources(resourceSettings(host));
  // Stored first, so a start meanwhile gets the new limits; put back if the runtime refuses them.
  ctx.store.saveSettings(c.id, settings);
  try {
    await ctx.runner.updateResources(c.id, resources);
  } catch (err) {
    ctx.store.saveSettings(c.id, c.settings);
    throw err;
  }
  containerEvent(ctx, c, 'update');
  return { Warnings: [] };
}
