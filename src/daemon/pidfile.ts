// The daemon's pid file, as dockerd's pidfile package: refuse to start
// while the process it names is alive, else (re)write it exclusively.
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FailedPrecondition } from '../common/index.js';

export async function writePidfile(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const pid = await readPid(path);
  if (pid !== undefined && pid > 0 && pid !== process.pid && isAlive(pid)) throw inUse(path);
  if (pid !== undefined) await rm(path, { force: true });
  try {
    // Exclusive: of two daemons starting at once, one wins.
    await writeFile(path, `${process.pid}`, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw inUse(path);
    throw err;
  }
}

/** Removes the pid file if it still names this process. */
export async function removePidfile(path: string): Promise<void> {
  if ((await readPid(path)) === process.pid) await rm(path, { force: true });
}

function inUse(path: string): FailedPrecondition {
  return new FailedPrecondition(`pid file found, ensure cais is not running or delete ${path}`);
}

/** The pid in the file; undefined when there is no file. A file that names no pid reads as 0 (stale). */
async function readPid(path: string): Promise<number | undefined> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const buf = Buffer.alloc(32);
    const { bytesRead } = await file.read(buf, 0, buf.length, 0);
    const pid = Number.parseInt(buf.subarray(0, bytesRead).toString('utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
  } finally {
    await file.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
