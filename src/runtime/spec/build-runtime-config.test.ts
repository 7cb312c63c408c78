import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { runtimeSchema } from '../../../test/support/schemas.js';
import { buildRuntimeConfig } from './build-runtime-config.js';
import { capabilitiesFromMask, defaultCapabilities } from './capabilities.js';
import { RLIM_INFINITY } from './rlimits.js';
import { serializeRuntimeConfig } from './serialize.js';
import type { ContainerRuntimeSettings, HostFacts } from './settings.js';

const host: HostFacts = {
  arch: 'x64',
  kernelRelease: '6.18.44-fc-v669',
  capabilities: capabilitiesFromMask('000001fffeffffff'),
  rlimitHard: { nofile: 20000, core: RLIM_INFINITY, nproc: 96365 },
};
const base: ContainerRuntimeSettings = {
  rootfs: '/var/lib/cais/containers/abc/rootfs',
  args: ['sh', '-c', 'echo hi'],
  user: { uid: 0, gid: 0 },
  cgroupsPath: '/cais/abc',
  hostname: 'abc',
};
const build = (s: Partial<ContainerRuntimeSettings>, h: HostFacts = host) => buildRuntimeConfig({ ...base, ...s }, h);

function assertValid(config: unknown): void {
  const validate = runtimeSchema();
  // Validate what the runtime reads: the serialized text, parsed back.
  const parsed: unknown = JSON.parse(serializeRuntimeConfig(config as Parameters<typeof serializeRuntimeConfig>[0]));
  assert.ok(validate(parsed), JSON.stringify(validate.errors, null, 1));
}

const dockerMasked = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/sys/devices/virtual/powercap',
  '/sys/firmware',
];

describe('buildRuntimeConfig', () => {
  it('produces a valid config with Docker\'s defaults', () => {
    const c = build({});
    assertValid(c);
    assert.deepEqual(c.process.capabilities, { bounding: defaultCapabilities, effective: defaultCapabilities, permitted: defaultCapabilities });
    assert.deepEqual(c.process.args, ['sh', '-c', 'echo hi']);
    assert.deepEqual(c.process.env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=abc']);
    assert.deepEqual(c.process.user, { uid: 0, gid: 0, additionalGids: [0] });
    assert.equal(c.process.cwd, '/');
    assert.equal(c.process.oomScoreAdj, 0);
    assert.equal(c.process.rlimits, undefined, 'Docker sets no rlimits by default');
    assert.equal(c.process.noNewPrivileges, undefined);
    assert.deepEqual(c.root, { path: base.rootfs, readonly: false });
    assert.equal(c.hostname, 'abc');
    assert.equal(c.linux.cgroupsPath, '/cais/abc');
    assert.deepEqual(c.linux.maskedPaths, dockerMasked);
    assert.deepEqual(c.linux.readonlyPaths, ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']);
    assert.deepEqual(c.linux.namespaces.map((n) => n.type), ['mount', 'network', 'uts', 'pid', 'ipc']);
    assert.deepEqual(c.linux.sysctl, { 'net.ipv4.ping_group_range': '0 2147483647', 'net.ipv4.ip_unprivileged_port_start': '0' });
    assert.deepEqual(c.linux.resources, {
      devices: [
        { allow: false, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 5, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 9, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 8, access: 'rwm' },
        { allow: true, type: 'c', major: 5, minor: 0, access: 'rwm' },
        { allow: true, type: 'c', major: 5, minor: 1, access: 'rwm' },
        { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
      ],
    });
    assert.equal(c.linux.seccomp?.defaultAction, 'SCMP_ACT_ERRNO');
  });

  it('mounts what Docker mounts', () => {
    assert.deepEqual(build({}).mounts, [
      { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=67108864'] },
    ]);
  });

  it('adds user mounts after the defaults, parents first', () => {
    const c = build({
      shmSize: 1 << 20,
      mounts: [
        { type: 'volume', source: '/var/lib/cais/volumes/v/_data', destination: '/data/sub' },
        { type: 'bind', source: '/srv', destination: '/data/', readonly: true },
        { type: 'tmpfs', destination: '/run', options: ['size=1m', 'exec'] },
        { type: 'bind', source: '/etc/hosts-for-abc', destination: '/etc/hosts', propagation: 'rshared', nonRecursive: true },
      ],
    });
    assertValid(c);
    assert.deepEqual(c.mounts.slice(6), [
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=1048576'] },
      { destination: '/data', type: 'bind', source: '/srv', options: ['rbind', 'ro', 'rprivate'] },
      { destination: '/run', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'rprivate', 'size=1m', 'exec'] },
      // Same depth: given order.
      { destination: '/data/sub', type: 'bind', source: '/var/lib/cais/volumes/v/_data', options: ['rbind'] },
      { destination: '/etc/hosts', type: 'bind', source: '/etc/hosts-for-abc', options: ['bind', 'rshared'] },
    ]);
    assert.equal(c.linux.rootfsPropagation, 'shared');
  });

  it('lets a user /dev replace every default under /dev, and --ipc none drop /dev/shm', () => {
    const dev = build({ mounts: [{ type: 'bind', source: '/dev', destination: '/dev' }] });
    assert.deepEqual(dev.mounts.map((m) => m.destination), ['/proc', '/sys', '/sys/fs/cgroup', '/dev']);
    const ipc = build({ namespaces: { ipc: 'none' } });
    assert.ok(!ipc.mounts.some((m) => m.destination === '/dev/shm'));
    assert.ok(ipc.linux.namespaces.some((n) => n.type === 'ipc'));
  });

  it('refuses bad mounts', () => {
    assert.throws(() => build({ mounts: [{ type: 'tmpfs', destination: 'rel' }] }), InvalidArgument);
    assert.throws(() => build({ mounts: [{ type: 'bind', source: 'rel', destination: '/x' }] }), InvalidArgument);
    assert.throws(() => build({ mounts: [{ type: 'tmpfs', destination: '/' }] }), InvalidArgument);
    assert.throws(
      () => build({ mounts: [{ type: 'tmpfs', destination: '/x' }, { type: 'tmpfs', destination: '/x/' }] }),
      (e: Error) => e instanceof InvalidArgument && e.message === 'Duplicate mount point: /x',
    );
    assert.throws(() => build({ mounts: [{ type: 'tmpfs', destination: '/x', options: ['bogus'] }] }), InvalidArgument);
  });

  it('makes non-user mounts read-only with a read-only rootfs', () => {
    const c = build({ readonlyRootfs: true, mounts: [{ type: 'tmpfs', destination: '/tmp' }] });
    assert.equal(c.root.readonly, true);
    for (const m of c.mounts) {
      const writable = ['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue', '/tmp'].includes(m.destination);
      assert.equal(m.options?.includes('ro'), !writable, m.destination);
    }
  });

  it('cap-add and cap-drop feed capabilities and seccomp', () => {
    const c = build({ capAdd: ['SYS_ADMIN'], capDrop: ['ALL'] });
    assertValid(c);
    assert.deepEqual(c.process.capabilities?.bounding, ['CAP_SYS_ADMIN']);
    const unshare = c.linux.seccomp?.syscalls?.find((r) => r.names.includes('unshare'));
    assert.equal(unshare?.action, 'SCMP_ACT_ALLOW');
    assert.ok(!build({}).linux.seccomp?.syscalls?.some((r) => r.names.includes('unshare')));
  });

  it('privileged: all capabilities and devices, no seccomp, no masked paths, writable /sys', () => {
    const c = build({ privileged: true, seccomp: 'default' });
    assertValid(c);
    assert.deepEqual(c.process.capabilities?.bounding, host.capabilities);
    assert.equal(c.linux.seccomp, undefined);
    assert.equal(c.linux.maskedPaths, undefined);
    assert.equal(c.linux.readonlyPaths, undefined);
    assert.deepEqual(c.linux.resources?.devices, [{ allow: true, access: 'rwm' }]);
    assert.deepEqual(c.mounts.find((m) => m.destination === '/sys')?.options, ['nosuid', 'noexec', 'nodev']);
    assert.deepEqual(c.mounts.find((m) => m.destination === '/sys/fs/cgroup')?.options, ['nosuid', 'noexec', 'nodev']);
  });

  it('takes masked and read-only path overrides and the host\'s extra masked paths', () => {
    const c = build({ readonlyPaths: [] }, { ...host, extraMaskedPaths: ['/sys/devices/system/cpu/cpu0/thermal_throttle'] });
    assert.deepEqual(c.linux.maskedPaths, [...dockerMasked, '/sys/devices/system/cpu/cpu0/thermal_throttle']);
    assert.deepEqual(c.linux.readonlyPaths, []);
    assert.deepEqual(build({ privileged: true, maskedPaths: ['/proc/keys'] }).linux.maskedPaths, ['/proc/keys']);
  });

  it('seccomp unconfined and custom profiles', () => {
    assert.equal(build({ seccomp: 'unconfined' }).linux.seccomp, undefined);
    const custom = build({ seccomp: JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO' }] }) });
    assertValid(custom);
    assert.deepEqual(custom.linux.seccomp, { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO' }] });
    assert.throws(() => build({ seccomp: '{bad' }), InvalidArgument);
  });

  it('runs init as PID 1 in a private PID namespace only', () => {
    const c = build({ init: '/usr/bin/catatonit' });
    assert.deepEqual(c.process.args, ['/sbin/docker-init', '--', 'sh', '-c', 'echo hi']);
    assert.deepEqual(c.mounts.at(-1), { destination: '/sbin/docker-init', type: 'bind', source: '/usr/bin/catatonit', options: ['bind', 'ro'] });
    const hostPid = build({ init: '/usr/bin/catatonit', namespaces: { pid: 'host' } });
    assert.deepEqual(hostPid.process.args, base.args);
    assert.ok(!hostPid.mounts.some((m) => m.destination === '/sbin/docker-init'));
  });

  it('maps namespaces', () => {
    const c = build({ namespaces: { network: 'host', pid: { path: '/proc/42/ns/pid' }, uts: 'host', ipc: 'private', cgroup: 'private' } });
    assertValid(c);
    assert.deepEqual(c.linux.namespaces, [{ type: 'mount' }, { type: 'pid', path: '/proc/42/ns/pid' }, { type: 'ipc' }, { type: 'cgroup' }]);
    assert.equal(c.hostname, undefined);
    assert.equal(c.linux.sysctl, undefined, 'no network sysctls in the host network namespace');
    const bridge = build({ namespaces: { network: { path: '/run/netns/abc', private: true } }, sysctls: { 'net.ipv4.ip_unprivileged_port_start': '1024' } });
    assert.deepEqual(bridge.linux.namespaces[1], { type: 'network', path: '/run/netns/abc' });
    assert.equal(bridge.linux.sysctl?.['net.ipv4.ip_unprivileged_port_start'], '1024');
  });

  it('maps the process settings', () => {
    const c = build({
      user: { uid: 1000, gid: 100, additionalGids: [10, 20] },
      cwd: '/work',
      env: ['A=1'],
      tty: true,
      consoleSize: { height: 24, width: 80 },
      noNewPrivileges: true,
      oomScoreAdj: 500,
      annotations: { 'org.example': 'x' },
      resources: { ulimits: [{ name: 'nofile', soft: 1048576, hard: 1048576 }], nanoCpus: 500_000_000, memory: 32 << 20, pidsLimit: 64 },
    });
    assertValid(c);
    assert.deepEqual(c.process.user, { uid: 1000, gid: 100, additionalGids: [100, 10, 20] });
    assert.equal(c.process.cwd, '/work');
    assert.deepEqual(c.process.env, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=abc', 'TERM=xterm', 'A=1']);
    assert.equal(c.process.terminal, true);
    assert.deepEqual(c.process.consoleSize, { height: 24, width: 80 });
    assert.equal(c.process.noNewPrivileges, true);
    assert.equal(c.process.oomScoreAdj, 500);
    assert.deepEqual(c.process.rlimits, [{ type: 'RLIMIT_NOFILE', hard: 20000, soft: 20000 }]);
    assert.deepEqual(c.linux.resources?.cpu, { quota: 50000, period: 100000 });
    assert.deepEqual(c.linux.resources?.memory, { limit: 32 << 20, swap: 64 << 20 });
    assert.deepEqual(c.linux.resources?.pids, { limit: 64 });
    assert.deepEqual(c.annotations, { 'org.example': 'x' });
  });

  it('refuses bad settings', () => {
    assert.throws(() => build({ args: [] }), InvalidArgument);
    assert.throws(() => build({ cwd: 'rel' }), InvalidArgument);
    assert.throws(() => build({ cgroupsPath: 'cais/abc' }), InvalidArgument);
    assert.throws(() => build({ oomScoreAdj: 1001 }), InvalidArgument);
    assert.throws(() => build({ user: { uid: -1, gid: 0 } }), InvalidArgument);
  });

  it('does not change its inputs', () => {
    const settings: ContainerRuntimeSettings = { ...base, mounts: [{ type: 'tmpfs', destination: '/x/', options: ['size=1m'] }], env: ['A=1'] };
    const before = structuredClone(settings);
    build(settings);
    build(settings);
    assert.deepEqual(settings, before);
  });
});
