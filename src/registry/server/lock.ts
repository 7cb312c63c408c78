// One user of a registry root at a time: the server, or gc (which must not
// sweep blobs a push is about to reference). The lock is a file holding the
// holder's pid and kind, created exclusively; one left by a process that is
// gone is taken over.
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FailedPrecondition } from '../../common/index.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the root's lock for `holder` ("server", "gc"); resolves with its release. */
export async function lockRoot(root: string, holder: string): Promise<() => Promise<void>> {
  const path = join(root, 'lock');
  await mkdir(root, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid} ${holder}\n`);
      await handle.close();
      return () => unlink(path).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const [pid, other] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
    if (pid !== undefined && /^\d+$/.test(pid) && isAlive(Number(pid))) {
      throw new FailedPrecondition(`registry root ${root} is in use by a registry ${other ?? 'process'} (pid ${pid}); if none runs, remove ${path}`);
    }
    await unlink(path).catch(() => {});
  }
  throw new FailedPrecondition(`registry root ${root}: could not take the lock ${path}`);
}
