// Mounts a chain of layers with overlayfs. mount(2) takes the options in
// one page, enough for ~40 layers at typical paths; longer chains use the
// new mount API, which adds each lower layer on its own ("lowerdir+",
// Linux 6.8+).
import { InvalidArgument } from '../../common/index.js';
import { MOUNT_ATTR_RDONLY, MS_RDONLY, fsMount, mount, umount2 } from '../../sys/index.js';

const pageSize = 4096;

export interface OverlayDirs {
  /** Lower directories, top-most first (overlayfs order). */
  lower: readonly string[];
  upper?: string;
  work?: string;
}

/** Mounts an overlay at target; read-only without an upper directory. */
export function mountOverlay(target: string, dirs: OverlayDirs): void {
  const { lower, upper, work } = dirs;
  if (lower.length === 0) throw new InvalidArgument('an overlay needs at least one lower layer');
  for (const dir of [...lower, upper ?? '', work ?? '']) {
    // overlayfs splits its options at ',' and lowerdir at ':'.
    if (/[,:\\]/.test(dir)) throw new InvalidArgument(`overlay directory ${JSON.stringify(dir)} contains ',', ':' or '\\'`);
  }
  const rw = upper !== undefined && work !== undefined;
  // index=off: each container's upper layer stands alone, as with Docker.
  const extra = rw ? [`upperdir=${upper}`, `workdir=${work}`, 'index=off'] : [];
  const data = [`lowerdir=${lower.join(':')}`, ...extra].join(',');
  if (data.length < pageSize) {
    mount('overlay', target, 'overlay', rw ? 0 : MS_RDONLY, data);
    return;
  }
  const config: [string, string | null][] = [['source', 'overlay']];
  for (const dir of lower) config.push(['lowerdir+', dir]);
  for (const option of extra) {
    const equals = option.indexOf('=');
    config.push([option.slice(0, equals), option.slice(equals + 1)]);
  }
  fsMount('overlay', config, target, rw ? 0 : MOUNT_ATTR_RDONLY);
}

export function unmount(target: string): void {
  umount2(target);
}
