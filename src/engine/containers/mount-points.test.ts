import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import type { MountSetting } from '../../spec/docker/index.js';
import { parseBind, resolveMountPoints } from './mount-points.js';

const exists = (path: string) => path !== '/nope';
const resolve = (host: { Binds?: string[]; Mounts?: MountSetting[]; Tmpfs?: Record<string, string> }, volumes: Record<string, object> = {}) =>
  resolveMountPoints({ Binds: host.Binds ?? null, Mounts: host.Mounts, Tmpfs: host.Tmpfs ?? null, VolumeDriver: '' }, volumes, exists);
const refuses = (fn: () => unknown, message: string) => assert.throws(fn, (err: unknown) => err instanceof InvalidArgument && err.message === message);
const inspect = ({ Type, Name, Source, Destination, Driver, Mode, RW, Propagation }: ReturnType<typeof parseBind>) => ({
  Type,
  Name,
  Source,
  Destination,
  Driver,
  Mode,
  RW,
  Propagation,
});

test('-v specs as moby parses them', () => {
  assert.deepEqual(inspect(parseBind('/a:/b:ro')), { Type: 'bind', Name: '', Source: '/a', Destination: '/b', Driver: '', Mode: 'ro', RW: false, Propagation: 'rprivate' });
  assert.deepEqual(inspect(parseBind('/a/../c/:/b/:Z,rslave')), {
    Type: 'bind',
    Name: '',
    Source: '/c',
    Destination: '/b',
    Driver: '',
    Mode: 'Z,rslave',
    RW: true,
    Propagation: 'rslave',
  });
  assert.equal(parseBind('/a:/b:z').Relabel, 'z');
  assert.equal(parseBind('/a:/b').CreateSource, true);
  const named = parseBind('data:/d:nocopy');
  assert.deepEqual(inspect(named), { Type: 'volume', Name: 'data', Source: '', Destination: '/d', Driver: 'local', Mode: 'nocopy', RW: true, Propagation: '' });
  assert.equal(named.CopyData, false);
  assert.equal(parseBind('/anon').Name, '');
  assert.equal(parseBind('v:/x', 'other').Driver, 'other');
  refuses(() => parseBind(':/x'), "invalid volume specification: ':/x'");
  refuses(() => parseBind('/x:rw'), "invalid volume specification: '/x:rw'");
  refuses(() => parseBind('/a:/b:ro:x'), "invalid volume specification: '/a:/b:ro:x'");
  refuses(() => parseBind('/a:/b:fast'), 'invalid mode: fast');
  refuses(() => parseBind('/a:/b:ro,rw'), 'invalid mode: ro,rw');
  refuses(() => parseBind('x'), `invalid volume specification: 'x': invalid mount config for type "volume": invalid mount path: 'x' mount path must be absolute`);
  refuses(() => parseBind('/a:/'), `invalid volume specification: '/a:/': invalid mount config for type "bind": invalid specification: destination can't be '/'`);
  refuses(() => parseBind('v:rel'), `invalid volume specification: 'v:rel': invalid mount config for type "volume": invalid mount path: 'rel' mount path must be absolute`);
});

test('--mount entries validated as moby does', () => {
  const [bind, volume, tmpfs] = resolve({
    Mounts: [
      { Type: 'bind', Source: '/tmp', Target: '/t', ReadOnly: true, BindOptions: { Propagation: 'rshared', NonRecursive: true } },
      { Type: 'volume', Source: 'v1', Target: '/v/', VolumeOptions: { NoCopy: true, Subpath: 'sub', Labels: { a: 'b' }, DriverConfig: { Name: 'local', Options: { o: 'x' } } } },
      { Type: 'tmpfs', Target: '/tm', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1777 } },
    ],
  });
  assert.deepEqual(inspect(bind!), { Type: 'bind', Name: '', Source: '/tmp', Destination: '/t', Driver: '', Mode: '', RW: false, Propagation: 'rshared' });
  assert.equal(bind!.NonRecursive, true);
  assert.deepEqual(inspect(volume!), { Type: 'volume', Name: 'v1', Source: '', Destination: '/v', Driver: 'local', Mode: '', RW: true, Propagation: '' });
  assert.deepEqual([volume!.CopyData, volume!.Subpath, volume!.VolumeLabels, volume!.DriverOptions], [false, 'sub', { a: 'b' }, { o: 'x' }]);
  assert.equal(tmpfs!.TmpfsData, 'mode=1777,size=64m');
  const bad = (m: MountSetting, message: string) => refuses(() => resolve({ Mounts: [m] }), message);
  bad({ Type: 'bind', Source: '/nope', Target: '/x' }, 'invalid mount config for type "bind": bind source path does not exist: /nope');
  bad({ Type: 'bind', Source: 'rel', Target: '/x' }, `invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`);
  bad({ Type: 'bind', Target: '/x' }, 'invalid mount config for type "bind": field Source must not be empty');
  bad({ Type: 'bind', Source: '/tmp', Target: '/x', BindOptions: { Propagation: 'sideways' } }, 'invalid mount config for type "bind": invalid propagation mode: sideways');
  bad({ Type: 'bind', Source: '/tmp', Target: '/x', VolumeOptions: {} }, 'invalid mount config for type "bind": field VolumeOptions must not be specified');
  bad({ Type: 'volume', Target: '' }, 'invalid mount config for type "volume": field Target must not be empty');
  bad({ Type: 'volume', Target: 'x' }, `invalid mount config for type "volume": invalid mount path: 'x' mount path must be absolute`);
  bad({ Type: 'volume', Target: '/' }, `invalid mount config for type "volume": invalid specification: destination can't be '/'`);
  bad({ Type: 'volume', Target: '/x', ReadOnly: true }, 'invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes');
  bad({ Type: 'volume', Target: '/x', VolumeOptions: { Subpath: 'a' } }, 'invalid mount config for type "volume": must not set Subpath when using anonymous volumes');
  bad({ Type: 'volume', Source: 'v', Target: '/x', VolumeOptions: { Subpath: '../a' } }, 'invalid mount config for type "volume": subpath must be a relative path within the volume');
  bad({ Type: 'volume', Target: '/x', BindOptions: {} }, 'invalid mount config for type "volume": field BindOptions must not be specified');
  bad({ Type: 'tmpfs', Source: '/a', Target: '/x' }, 'invalid mount config for type "tmpfs": field Source must not be specified');
  bad({ Type: 'npipe', Target: '/x' }, 'invalid mount config for type "npipe": mount type unknown');
});

test('Binds, Mounts, Tmpfs and Config.Volumes together, duplicates refused', () => {
  const points = resolve({ Binds: ['/a:/a', 'named:/n'], Mounts: [{ Type: 'volume', Target: '/m' }], Tmpfs: { '/run': 'size=1m,noexec', '/ro': 'ro' } }, {
    '/a': {},
    '/img/': {},
    '/run': {},
  });
  assert.deepEqual(
    points.map((p) => [p.Origin, p.Type, p.Destination, p.Name]),
    [
      ['binds', 'bind', '/a', ''],
      ['binds', 'volume', '/n', 'named'],
      ['mounts', 'volume', '/m', ''],
      ['tmpfs', 'tmpfs', '/run', ''],
      ['tmpfs', 'tmpfs', '/ro', ''],
      ['volumes', 'volume', '/img', ''],
    ],
  );
  assert.deepEqual([points[3]!.TmpfsData, points[4]!.RW, points[5]!.RW, points[5]!.CopyData], ['size=1m,noexec', false, true, true]);
  refuses(() => resolve({ Binds: ['/a:/x', '/b:/x/'] }), 'Duplicate mount point: /x');
  refuses(() => resolve({ Binds: ['/a:/x'], Tmpfs: { '/x': '' } }), 'Duplicate mount point: /x');
  refuses(() => resolve({ Binds: ['/a:/x'], Mounts: [{ Type: 'tmpfs', Target: '/x/' }] }), 'Duplicate mount point: /x/');
  refuses(() => resolve({ Tmpfs: { '/': '' } }), "invalid specification: destination can't be '/'");
  refuses(() => resolve({ Tmpfs: { rel: '' } }), "invalid mount path: 'rel' mount path must be absolute");
  refuses(() => resolve({ Tmpfs: { '/x': 'size=1m,color=red' } }), 'Invalid tmpfs option ["color" "red"]');
});
