// Runs generated configs in the real runtimes (runc, and crun in a private
// mount namespace without the cgroup2 hierarchy it refuses on hybrid hosts),
// so the isolation Docker's defaults promise is checked from inside.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildRuntimeConfig } from './build-runtime-config.js';
import { readHostFacts } from './host-facts.js';
import type { ContainerRuntimeSettings, HostFacts } from './settings.js';
import { serializeRuntimeConfig } from './serialize.js';

const run = promisify(execFile);
const busybox = '/usr/bin/busybox';
const catatonit = '/usr/bin/catatonit';
const runtimes = ['runc', 'crun'].filter((r) => existsSync(`/usr/sbin/${r}`) || existsSync(`/usr/bin/${r}`));
const skip = process.getuid?.() !== 0 || !existsSync(busybox) || runtimes.length === 0 ? 'needs root, busybox and runc or crun' : false;
const cgroupParent = `cais-rtspec-test-${process.pid}`;

describe('generated configs in real runtimes', { skip }, () => {
  let dir: string;
  let host: HostFacts;
  let n = 0;

  before(async () => {
    host = await readHostFacts();
    dir = await mkdtemp(join(tmpdir(), 'cais-rtspec-'));
    await mkdir(join(dir, 'rootfs/bin'), { recursive: true });
    await copyFile(busybox, join(dir, 'rootfs/bin/busybox'));
    await copyFile(busybox, join(dir, 'rootfs/bin/sh'));
    await symlink('busybox', join(dir, 'rootfs/bin/unshare'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
    // The runtimes remove each container's cgroup, not the parent made for it.
    for (const controller of await readdir('/sys/fs/cgroup').catch(() => [] as string[])) {
      await rmdir(join('/sys/fs/cgroup', controller, cgroupParent)).catch(() => undefined);
    }
  });

  /** Runs `script` in a container made from `settings` and returns its output. */
  async function inContainer(runtime: string, script: string, settings: Partial<ContainerRuntimeSettings> = {}): Promise<string> {
    const id = `rtspec-${process.pid}-${++n}`;
    const bundle = join(dir, id);
    const state = join(dir, `${id}-state`);
    await mkdir(bundle);
    const config = buildRuntimeConfig(
      { rootfs: join(dir, 'rootfs'), args: ['sh', '-c', script], user: { uid: 0, gid: 0 }, cgroupsPath: `/${cgroupParent}/${id}`, hostname: id, ...settings },
      host,
    );
    await writeFile(join(bundle, 'config.json'), serializeRuntimeConfig(config));
    const command = `${runtime} --root ${state} run --bundle ${bundle} ${id}`;
    const wrapped =
      runtime === 'crun' ? ['unshare', ['-m', '--propagation', 'private', 'sh', '-c', `umount /sys/fs/cgroup/unified 2>/dev/null; exec ${command}`]] : ['sh', ['-c', `exec ${command}`]];
    try {
      const { stdout } = await run(wrapped[0] as string, wrapped[1] as string[], { timeout: 20_000 });
      return stdout;
    } finally {
      await run(runtime, ['--root', state, 'delete', '--force', id]).catch(() => undefined);
    }
  }

  for (const runtime of runtimes) {
    it(`${runtime}: Docker's capabilities, masked paths, seccomp, init and rlimits`, async () => {
      const out = await inContainer(
        runtime,
        'grep CapBnd /proc/self/status; wc -c < /proc/keys; wc -c < /proc/timer_list; unshare -U true 2>/dev/null; echo unshare=$?; ulimit -n; hostname; tr "\\0" " " < /proc/1/cmdline',
        { init: existsSync(catatonit) ? catatonit : undefined, resources: { ulimits: [{ name: 'nofile', soft: 1048576, hard: 1048576 }] } },
      );
      const lines = out.trim().split('\n');
      assert.equal(lines[0], 'CapBnd:\t00000000a80425fb', 'Docker\'s 14 capabilities and no others');
      assert.equal(lines[1]!.trim(), '0', '/proc/keys masked');
      assert.equal(lines[2]!.trim(), '0', '/proc/timer_list masked');
      assert.equal(lines[3], 'unshare=1', 'unshare of a user namespace fails without CAP_SYS_ADMIN');
      assert.equal(Number(lines[4]), Math.min(1048576, host.rlimitHard.nofile ?? 1048576), 'nofile clamped to the host hard limit');
      assert.match(lines[5]!, /^rtspec-/);
      if (existsSync(catatonit)) assert.match(lines[6]!, /^\/sbin\/docker-init -- sh -c /);
    });

    it(`${runtime}: cap-drop ALL leaves no capabilities; CAP_SYS_ADMIN opens unshare`, async () => {
      assert.equal((await inContainer(runtime, 'grep CapEff /proc/self/status', { capDrop: ['ALL'] })).trim(), 'CapEff:\t0000000000000000');
      const out = await inContainer(runtime, 'unshare -U true; echo unshare=$?', { capAdd: ['sys_admin'] });
      assert.equal(out.trim(), 'unshare=0');
    });
  }
});
