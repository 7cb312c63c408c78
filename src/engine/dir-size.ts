// The size of a directory tree as Docker's overlay2 counts a container's
// upper layer (pkg/directory.Size): regular files, symlinks and other
// non-directories, each hard-linked inode once.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function directorySize(root: string): Promise<number> {
  const seen = new Set<bigint>();
  let size = 0;
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const name of names) {
      const path = join(dir, name);
      const st = await lstat(path, { bigint: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined; // removed meanwhile
        throw err;
      });
      if (!st) continue;
      if (st.isDirectory()) {
        await walk(path);
        continue;
      }
      if (st.nlink > 1n) {
        if (seen.has(st.ino)) continue;
        seen.add(st.ino);
      }
      size += Number(st.size);
    }
  };
  await walk(root);
  return size;
}
