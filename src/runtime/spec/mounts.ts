// The container's mount list as moby's WithMounts builds it: Docker's
// default mounts minus those a user mount replaces (and everything under
// /dev when the user mounts /dev), /dev/shm sized by --shm-size and left out
// for --ipc none, the init binary, then the user's mounts sorted by depth so
// a parent is mounted before its children.
import { posix } from 'node:path';
import { InvalidArgument } from '../../common/index.js';
import { defaultMounts, defaultShmSize } from './defaults.js';
import type { OciMount } from './oci-runtime-config.js';
import type { RuntimeMount } from './settings.js';
import { mergeTmpfsOptions } from './tmpfs-options.js';

/** Where Docker puts the init binary inside the container. */
export const inContainerInitPath = '/sbin/docker-init';

export interface MountPlan {
  mounts: OciMount[];
  /** Set when a shared or slave bind needs the rootfs to propagate too. */
  rootfsPropagation?: 'shared' | 'rslave';
}

export interface MountRequest {
  mounts?: readonly RuntimeMount[];
  init?: string;
  /** Whether init applies: Docker adds it only in a private PID namespace. */
  privatePid: boolean;
  ipcNone: boolean;
  shmSize?: number;
  readonlyRootfs?: boolean;
  privileged?: boolean;
}

// Mounts that stay writable on a read-only rootfs (moby WithMounts).
const writableOnReadonlyRootfs = new Set(['/proc', '/dev/pts', '/dev/shm', '/dev/mqueue', '/dev']);

export function buildMounts(req: MountRequest): MountPlan {
  const user = validateUserMounts(req.mounts ?? []);
  const userDestinations = new Set(user.map((m) => m.destination));
  const mountsDev = userDestinations.has('/dev');
  const shmSize = req.shmSize || defaultShmSize;
  if (!Number.isSafeInteger(shmSize) || shmSize < 0) throw new InvalidArgument(`invalid shm size: ${req.shmSize}`);

  const mounts: OciMount[] = [];
  for (const m of defaultMounts()) {
    if (userDestinations.has(m.destination)) continue;
    if (mountsDev && m.destination.startsWith('/dev/')) continue;
    if (m.destination === '/dev/shm') {
      if (req.ipcNone) continue;
      m.options!.push(`size=${shmSize}`);
    }
    mounts.push(m);
  }
  if (req.init && req.privatePid && !userDestinations.has(inContainerInitPath)) {
    mounts.push({ destination: inContainerInitPath, type: 'bind', source: req.init, options: ['bind', 'ro'] });
  }

  let rootfsPropagation: MountPlan['rootfsPropagation'];
  for (const m of sortByDepth(user)) {
    if (m.type === 'tmpfs') {
      const options = mergeTmpfsOptions(['noexec', 'nosuid', 'nodev', 'rprivate', ...(m.options ?? [])]);
      mounts.push({ destination: m.destination, type: 'tmpfs', source: 'tmpfs', options });
      continue;
    }
    const propagation = m.propagation ?? (m.type === 'bind' ? 'rprivate' : undefined);
    if (propagation === 'shared' || propagation === 'rshared') rootfsPropagation = 'shared';
    else if ((propagation === 'slave' || propagation === 'rslave') && rootfsPropagation !== 'shared') rootfsPropagation = 'rslave';
    const options = [m.nonRecursive ? 'bind' : 'rbind'];
    if (m.readonly) options.push('ro');
    if (propagation) options.push(propagation);
    mounts.push({ destination: m.destination, type: 'bind', source: m.source, options });
  }

  if (req.readonlyRootfs) {
    for (const m of mounts) {
      if (writableOnReadonlyRootfs.has(m.destination) || userDestinations.has(m.destination)) continue;
      if (!m.options?.includes('ro')) (m.options ??= []).push('ro');
    }
  }
  if (req.privileged) {
    // A privileged container may write /sys and its cgroups.
    for (const m of mounts) {
      if ((m.destination === '/sys' || m.type === 'cgroup') && !userDestinations.has(m.destination)) {
        m.options = m.options?.filter((o) => o !== 'ro');
      }
    }
  }
  return rootfsPropagation ? { mounts, rootfsPropagation } : { mounts };
}

function validateUserMounts(mounts: readonly RuntimeMount[]): RuntimeMount[] {
  const seen = new Set<string>();
  return mounts.map((m) => {
    if (!posix.isAbsolute(m.destination)) {
      throw new InvalidArgument(`invalid mount config: mount path must be absolute: ${m.destination}`);
    }
    const destination = posix.normalize(m.destination).replace(/(.)\/$/, '$1');
    if (destination === '/') throw new InvalidArgument('invalid specification: destination can\'t be \'/\'');
    if (seen.has(destination)) throw new InvalidArgument(`Duplicate mount point: ${destination}`);
    seen.add(destination);
    if (m.type !== 'tmpfs' && !posix.isAbsolute(m.source)) {
      throw new InvalidArgument(`invalid mount config for type "${m.type}": invalid mount path: '${m.source}' mount path must be absolute`);
    }
    return { ...m, destination };
  });
}

/** Parents before children: fewer path components first (moby's `mounts` sort); sort() is stable. */
function sortByDepth(mounts: RuntimeMount[]): RuntimeMount[] {
  const depth = (m: RuntimeMount) => m.destination.split('/').length;
  return [...mounts].sort((a, b) => depth(a) - depth(b));
}
