// A container's mount points (resolved at create) as its run mounts them:
// binds as they are (a -v source that is missing is made, as moby makes
// it), volumes at their data directory (mounted by the volume service when
// they have a device, and filled from the image at first use), tmpfs with
// their options. release() gives the volumes back when the run ends.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Propagation, RuntimeMount } from '../../runtime/index.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';
import { resolveInRoot } from '../../storage/index.js';

export async function acquireMounts(ctx: ContainerContext, c: ContainerRecord, rootfs: string): Promise<RuntimeMount[]> {
  const out: RuntimeMount[] = [];
  const taken: string[] = [];
  try {
    for (const m of c.settings.MountPoints) {
      if (m.Type === 'tmpfs') {
        out.push({ type: 'tmpfs', destination: m.Destination, options: m.TmpfsData === '' ? [] : m.TmpfsData.split(',') });
      } else if (m.Type === 'bind') {
        // As moby: a missing source becomes a directory; an existing file is bound as it is.
        if (m.CreateSource && !existsSync(m.Source)) await mkdir(m.Source, { recursive: true, mode: 0o755 });
        out.push({
          type: 'bind',
          source: m.Source,
          destination: m.Destination,
          readonly: !m.RW,
          ...(m.Propagation !== '' ? { propagation: m.Propagation as Propagation } : {}),
          ...(m.NonRecursive ? { nonRecursive: true } : {}),
        });
      } else if (m.Type === 'volume') {
        const data = ctx.volumes.mount(m.Name, c.id);
        taken.push(m.Name);
        if (m.CopyData && m.Subpath === '') await ctx.volumes.copyUp(m.Name, resolveInRoot(rootfs, m.Destination));
        out.push({ type: 'volume', source: m.Subpath === '' ? data : join(data, m.Subpath), destination: m.Destination, readonly: !m.RW });
      }
    }
  } catch (err) {
    for (const name of taken) ctx.volumes.unmount(name, c.id);
    throw err;
  }
  return out;
}

export function releaseMounts(ctx: ContainerContext, c: ContainerRecord): void {
  for (const m of c.settings.MountPoints) if (m.Type === 'volume') ctx.volumes.unmount(m.Name, c.id);
}
