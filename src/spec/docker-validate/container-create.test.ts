import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { parseContainerCreate } from './container-create.js';
import { verifyContainerSettings } from './verify-settings.js';
import { parseSignal } from './signals.js';

const limits = { ncpu: 2 };

test('fills in Docker zero values, keeps nulls Go keeps, ignores unknown fields', () => {
  const req = parseContainerCreate({ Image: 'bb', Cmd: ['sh'], Bogus: 1, HostConfig: { Memory: 7340032, Bogus: true } });
  assert.equal(req.Config.Image, 'bb');
  assert.deepEqual(req.Config.Cmd, ['sh']);
  assert.equal(req.Config.Entrypoint, null);
  assert.deepEqual(req.Config.Labels, {});
  assert.equal(req.HostConfig.Memory, 7340032);
  assert.deepEqual(req.HostConfig.RestartPolicy, { Name: '', MaximumRetryCount: 0 });
  assert.equal('Bogus' in req.Config, false);
  assert.equal('Bogus' in req.HostConfig, false);
  assert.deepEqual(parseContainerCreate({ Image: 'bb', HostConfig: null }).HostConfig.Ulimits, []);
});

test("takes every field docker create's flags send; mounts of any type or without a target are refused later, as moby does", () => {
  const req = parseContainerCreate({
    Image: 'bb',
    Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 1e10, StartInterval: 5e8, Retries: 3 },
    Volumes: { '/anon': {} },
    HostConfig: {
      Binds: ['/a:/b:ro'],
      Mounts: [{ Type: 'bogus' }, { Type: 'image', Source: 'bb', Target: '/i', ImageOptions: { Subpath: 'bin' } }],
      Tmpfs: { '/run': 'size=64m' },
      Ulimits: [{ Name: 'nofile', Hard: 2048, Soft: 1024 }],
      BlkioDeviceReadBps: [{ Path: '/dev/sda', Rate: 1048576 }],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
      SecurityOpt: ['no-new-privileges', 'seccomp={}'],
      Sysctls: { 'net.ipv4.ip_forward': '1' },
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      GroupAdd: ['audio'],
      Annotations: { a: 'b' },
      MaskedPaths: [],
    },
  });
  assert.deepEqual(req.HostConfig.Mounts?.[0], { Type: 'bogus', Target: '' });
  assert.deepEqual(req.HostConfig.Mounts?.[1]?.ImageOptions, { Subpath: 'bin' });
  assert.equal(req.Config.Healthcheck?.StartInterval, 5e8);
  assert.deepEqual(req.HostConfig.Ulimits, [{ Name: 'nofile', Soft: 1024, Hard: 2048 }]);
});

test("refuses a wrong shape in Go's words", () => {
  assert.throws(() => parseContainerCreate({ Image: 3 }), { name: 'InvalidArgument', message: 'json: cannot unmarshal number into Go struct field Image of type string' });
  assert.throws(() => parseContainerCreate({ HostConfig: { Memory: 'lots' } }), /Go struct field HostConfig\.Memory of type int64/);
  assert.throws(() => parseContainerCreate([]), InvalidArgument);
});

test("refuses the settings Docker refuses, with Docker's messages", () => {
  const cases: [unknown, string][] = [
    [{ HostConfig: { RestartPolicy: { Name: 'bogus' } } }, "invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"],
    [{ HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 3 } } }, "invalid restart policy: maximum retry count can only be used with 'on-failure'"],
    [{ HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: -1 } } }, "invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative"],
    [{ HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: -1 } } }, 'invalid restart policy: maximum retry count cannot be negative'],
    [{ HostConfig: { Memory: -1 } }, 'Minimum memory limit allowed is 6MB'],
    [{ HostConfig: { Memory: 1024 } }, 'Minimum memory limit allowed is 6MB'],
    [{ HostConfig: { Memory: 10 << 20, MemorySwap: 8 << 20 } }, 'Minimum memoryswap limit should be larger than memory limit, see usage'],
    [{ HostConfig: { NanoCpus: 3e9 } }, 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available'],
    [{ HostConfig: { NanoCpus: 1e9, CpuQuota: 5000 } }, 'Conflicting options: Nano CPUs and CPU Quota cannot both be set'],
    [{ WorkingDir: 'tmp' }, "the working directory 'tmp' is invalid, it needs to be an absolute path"],
    [{ StopSignal: 'SIGNOPE' }, 'Invalid signal: SIGNOPE'],
    [{ Env: ['=x'] }, 'invalid environment variable: =x'],
    [{ HostConfig: { AutoRemove: true, RestartPolicy: { Name: 'always' } } }, "can't create 'AutoRemove' container with restart policy"],
    [{ Healthcheck: { Interval: 500_000 } }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Healthcheck: { StartInterval: 1 } }, 'StartInterval in Healthcheck cannot be less than 1ms'],
    [{ Healthcheck: { Retries: -1 } }, 'Retries in Healthcheck cannot be negative'],
  ];
  for (const [body, message] of cases) {
    assert.throws(() => verifyContainerSettings(parseContainerCreate({ Image: 'bb', ...(body as object) }), limits), { name: 'InvalidArgument', message });
  }
  verifyContainerSettings(parseContainerCreate({ Image: 'bb', HostConfig: { Memory: 6 << 20, NanoCpus: 2e9, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } } }), limits);
});

test('signals by name, number and real-time offset', () => {
  assert.equal(parseSignal('SIGTERM'), 15);
  assert.equal(parseSignal('kill'), 9);
  assert.equal(parseSignal('10'), 10);
  assert.equal(parseSignal('RTMIN+3'), 37);
  assert.throws(() => parseSignal('0'), /Invalid signal: 0/);
  assert.throws(() => parseSignal('RTMAX+1'), /Invalid signal/);
});
