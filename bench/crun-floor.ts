// The floor the container benchmarks compare with: `crun run` of a prepared
// bundle (busybox root, /bin/true), through the same mount-namespace wrapper
// cais uses on hybrid cgroup hosts; and the medians they report.
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildRuntimeConfig, readHostFacts, serializeRuntimeConfig } from '../src/runtime/index.js';
import { busyboxRootfs } from '../test/support/images.js';

export const run = promisify(execFile);

export { median } from './fixtures.js';

/** Each round's time in ms, after one round to warm the caches. */
export async function timed(rounds: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  await fn();
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

const cgroup = `cais-bench-floor-${process.pid}`;

/** Prepares the bundle in `dir`; the function runs it once. */
export async function prepareFloor(dir: string): Promise<() => Promise<unknown>> {
  const rootfs = join(dir, 'rootfs');
  await mkdir(rootfs);
  spawnSync('tar', ['-x', '-C', rootfs], { input: await busyboxRootfs() });
  const config = buildRuntimeConfig({ rootfs, args: ['/bin/true'], user: { uid: 0, gid: 0 }, cgroupsPath: `/${cgroup}/c`, hostname: 'floor' }, await readHostFacts());
  await writeFile(join(dir, 'config.json'), serializeRuntimeConfig(config));
  let n = 0;
  const crun = `crun --root ${join(dir, 'state')} run --bundle ${dir}`;
  return () => run('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `umount /sys/fs/cgroup/unified 2>/dev/null; exec ${crun} floor-${++n}`]);
}

/** Removes the floor's cgroups. */
export async function removeFloorCgroups(): Promise<void> {
  for (const c of await readdir('/sys/fs/cgroup').catch(() => [] as string[])) {
    spawnSync('rmdir', [join('/sys/fs/cgroup', c, cgroup, 'c'), join('/sys/fs/cgroup', c, cgroup)]);
  }
}
