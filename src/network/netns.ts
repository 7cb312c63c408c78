// Network namespaces kept as files (nsfs bind mounts), as `ip netns` keeps
// them, but under the daemon's exec root: the namespace lives as long as
// its file, whether or not a process is in it, so netavark can set it up
// before the container exists and tear it down after it is gone.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { MNT_DETACH, umount2 } from '../sys/index.js';
import { runTool } from './tool.js';

export async function createNetns(path: string, unshare: string): Promise<void> {
  await writeFile(path, '', { mode: 0o600 });
  await runTool(unshare, [`--net=${path}`, 'true']);
}

/** Unmounts and removes a namespace file; nothing to do when it is gone already. */
export async function removeNetns(path: string): Promise<void> {
  try {
    umount2(path, MNT_DETACH);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // EINVAL: not a mount point (setup failed before unshare), ENOENT: gone.
    if (code !== 'EINVAL' && code !== 'ENOENT') throw err;
  }
  await rm(path, { force: true });
}

export async function netnsDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
