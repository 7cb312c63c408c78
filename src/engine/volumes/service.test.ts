// The volume use cases on a real SQLite file and data directory in a
// temporary root; which containers use which volume is a map the test sets.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink, writeFile, chown, chmod } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Conflict, InvalidArgument, NotFound } from '../../common/index.js';
import { Database } from '../../storage/index.js';
import { lgetxattr, lsetxattr } from '../../sys/index.js';
import { VolumeService, anonymousLabel } from './index.js';
import { mountFlags } from './local-driver.js';

let dir: string;
let db: Database;
let volumes: VolumeService;
let users = new Map<string, string[]>();
const root = (): string => join(dir, 'volumes');
const create = (Name: string, extra: { Labels?: Record<string, string>; DriverOpts?: Record<string, string>; Driver?: string } = {}) =>
  volumes.create({ Name, Driver: extra.Driver ?? '', DriverOpts: extra.DriverOpts ?? {}, Labels: extra.Labels ?? {} });

before(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'cais-volumes-'));
  db = Database.open(join(dir, 'cais.db'));
  volumes = new VolumeService({ db, root: root(), users: () => users });
  await volumes.init();
});
afterEach(async () => {
  users = new Map();
  for (const v of volumes.list().Volumes) await volumes.remove(v.Name);
});
after(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

test('create makes <root>/<name>/_data and a row; creating it again returns it unchanged', async () => {
  const v = await create('data', { Labels: { a: 'b' } });
  assert.deepEqual({ ...v, CreatedAt: '' }, {
    CreatedAt: '',
    Driver: 'local',
    Labels: { a: 'b' },
    Mountpoint: join(root(), 'data', '_data'),
    Name: 'data',
    Options: {},
    Scope: 'local',
  });
  assert.match(v.CreatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  assert.equal((await stat(join(root(), 'data'))).mode & 0o777, 0o701);
  assert.equal((await stat(v.Mountpoint)).mode & 0o777, 0o755);
  assert.deepEqual(await create('data', { Labels: { other: '' } }), v);
  assert.deepEqual(volumes.inspect('data'), v);
});

test('a volume without a name gets a random one and the anonymous label', async () => {
  const v = await create('', { Labels: { x: 'y' } });
  assert.match(v.Name, /^[0-9a-f]{64}$/);
  assert.deepEqual(v.Labels, { x: 'y', [anonymousLabel]: '' });
  const ensured = await volumes.ensure(undefined);
  assert.deepEqual(ensured.Labels, { [anonymousLabel]: '' });
  assert.deepEqual(await volumes.ensure('named', { l: '1' }), volumes.inspect('named'));
  assert.deepEqual(volumes.inspect('named').Labels, { l: '1' });
});

test("bad names, drivers and options get moby's errors and leave nothing behind", async () => {
  const cases: [string, object, RegExp | string, typeof InvalidArgument | typeof NotFound][] = [
    ['a', {}, 'create a: volume name is too short, names should be at least two alphanumeric characters', InvalidArgument],
    ['../x', {}, /^create \.\.\/x: "\.\.\/x" includes invalid characters for a local volume name, only "\[a-zA-Z0-9\]\[a-zA-Z0-9_\.-\]" are allowed\. If you intended to pass a host directory, use absolute path$/, InvalidArgument],
    ['_x', {}, /includes invalid characters/, InvalidArgument],
    ['ok', { Driver: 'nfs' }, 'create ok: error looking up volume plugin nfs: plugin "nfs" not found', NotFound],
    ['ok', { DriverOpts: { foo: '1' } }, 'create ok: invalid option: "foo"', InvalidArgument],
    ['ok', { DriverOpts: { type: 'tmpfs' } }, 'create ok: missing required option: "device"', InvalidArgument],
    ['ok', { DriverOpts: { size: '10M' } }, 'create ok: quota size requested but no quota support', InvalidArgument],
    ['ok', { DriverOpts: { size: 'lots' } }, "create ok: invalid size: 'lots'", InvalidArgument],
  ];
  for (const [name, extra, message, type] of cases) {
    await assert.rejects(create(name, extra), (err: Error) => {
      assert.ok(err instanceof type, `${name}: ${err.name}`);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    });
  }
  assert.deepEqual(await readdir(root()), []);
  assert.deepEqual(volumes.list().Volumes, []);
});

test('list filters by name (exact or pattern), driver, label and dangling', async () => {
  await create('web-data', { Labels: { app: 'web', tier: 'front' } });
  await create('db-data', { Labels: { app: 'db' } });
  await create('scratch');
  users = new Map([['db-data', ['c1']]]);
  const names = (filters: Record<string, string[]>) => volumes.list(filters).Volumes.map((v) => v.Name);
  assert.deepEqual(names({}), ['db-data', 'scratch', 'web-data']);
  assert.deepEqual(names({ name: ['data'] }), ['db-data', 'web-data']);
  assert.deepEqual(names({ name: ['^s'] }), ['scratch']);
  assert.deepEqual(names({ driver: ['local'] }), ['db-data', 'scratch', 'web-data']);
  assert.deepEqual(names({ driver: ['other'] }), []);
  assert.deepEqual(names({ label: ['app'] }), ['db-data', 'web-data']);
  assert.deepEqual(names({ label: ['app=web', 'tier'] }), ['web-data']);
  assert.deepEqual(names({ dangling: ['true'] }), ['scratch', 'web-data']);
  assert.deepEqual(names({ dangling: ['0'] }), ['db-data']);
  assert.throws(() => volumes.list({ dangling: ['maybe'] }), { message: "invalid filter 'dangling=maybe'" });
  assert.throws(() => volumes.list({ 'label!': ['app'] }), { message: "invalid filter 'label!'" });
  assert.deepEqual(volumes.list().Warnings, []);
});

test('remove refuses a volume in use, even with force; force ignores one that does not exist', async () => {
  await create('used');
  users = new Map([['used', ['c1', 'c2']]]);
  await assert.rejects(volumes.remove('used'), (err: Error) => err instanceof Conflict && err.message === 'remove used: volume is in use - [c1, c2]');
  await assert.rejects(volumes.remove('used', { force: true }), Conflict);
  assert.equal(volumes.inspect('used').Name, 'used');
  await assert.rejects(volumes.remove('gone'), (err: Error) => err instanceof NotFound && err.message === 'get gone: no such volume');
  await volumes.remove('gone', { force: true });
  users = new Map();
  await volumes.remove('used');
  assert.throws(() => volumes.inspect('used'), NotFound);
  assert.deepEqual(await readdir(root()), []);
});

test('prune removes unused anonymous volumes, or all unused ones with all=true, never those with a device', async () => {
  const anon = await create('');
  const usedAnon = await create('');
  await create('named', { Labels: { keep: 'no' } });
  await create('kept', { Labels: { keep: 'yes' } });
  await create('device', { DriverOpts: { type: 'tmpfs', device: 'tmpfs' } });
  await writeFile(join(anon.Mountpoint, 'f'), 'x'.repeat(1000));
  users = new Map([[usedAnon.Name, ['c1']]]);
  assert.deepEqual(await volumes.prune(), { VolumesDeleted: [anon.Name], SpaceReclaimed: 1000 });
  assert.deepEqual(await volumes.prune({ all: ['true'], 'label!': ['keep=yes'] }), { VolumesDeleted: ['named'], SpaceReclaimed: 0 });
  assert.deepEqual(await volumes.prune({ all: ['1'], label: ['nothing'] }), { VolumesDeleted: [], SpaceReclaimed: 0 });
  assert.deepEqual(volumes.list().Volumes.map((v) => v.Name).sort(), [usedAnon.Name, 'device', 'kept'].sort());
  await assert.rejects(volumes.prune({ all: ['yes'] }), { message: `invalid filter 'all': strconv.ParseBool: parsing "yes": invalid syntax` });
  await assert.rejects(volumes.prune({ all: ['true', 'false'] }), { message: "invalid filter 'all=[true false]': only one value is expected" });
  await assert.rejects(volumes.prune({ until: ['1h'] }), { message: "invalid filter 'until'" });
});

test('dataUsage lists local volumes without options, with their size and users', async () => {
  const v = await create('sized');
  await create('device', { DriverOpts: { type: 'tmpfs', device: 'tmpfs' } });
  await writeFile(join(v.Mountpoint, 'a'), 'abc');
  users = new Map([['sized', ['c1']]]);
  assert.deepEqual(await volumes.dataUsage(), [{ ...v, UsageData: { Size: 3, RefCount: 1 } }]);
});

test('init removes directories without a row and what a remove left half done', async () => {
  await create('real');
  await mkdir(join(root(), 'orphan', '_data'), { recursive: true });
  await mkdir(join(root(), '_removing-123'));
  const again = new VolumeService({ db, root: root() });
  await again.init();
  assert.deepEqual(await readdir(root()), ['real']);
  assert.equal(again.inspect('real').Name, 'real');
});

test('copyUp fills an empty volume with ownership, modes, symlinks and xattrs, and never touches a filled one', async () => {
  const src = join(dir, 'image-dir');
  await mkdir(join(src, 'sub'), { recursive: true });
  await chmod(src, 0o1777);
  await writeFile(join(src, 'sub', 'file'), 'content');
  await chown(join(src, 'sub', 'file'), 1234, 5678);
  await chmod(join(src, 'sub', 'file'), 0o640);
  await symlink('sub/file', join(src, 'link'));
  lsetxattr(join(src, 'sub', 'file'), 'user.note', Buffer.from('kept'));
  const v = await create('seeded');
  await volumes.copyUp('seeded', src);
  assert.equal((await stat(v.Mountpoint)).mode & 0o7777, 0o1777);
  const file = await stat(join(v.Mountpoint, 'sub', 'file'));
  assert.deepEqual([file.uid, file.gid, file.mode & 0o7777], [1234, 5678, 0o640]);
  assert.equal(await readlink(join(v.Mountpoint, 'link')), 'sub/file');
  assert.equal(lgetxattr(join(v.Mountpoint, 'sub', 'file'), 'user.note')?.toString(), 'kept');
  await writeFile(join(src, 'new'), 'later');
  await volumes.copyUp('seeded', src);
  await assert.rejects(lstat(join(v.Mountpoint, 'new')), { code: 'ENOENT' });
  await volumes.copyUp('seeded', join(dir, 'missing'));
  await create('empty');
  await volumes.copyUp('empty', join(dir, 'missing'));
  assert.deepEqual(await readdir(volumes.inspect('empty').Mountpoint), []);
  await assert.rejects(volumes.copyUp('nope', src), NotFound);
});

test('a volume with type/device/o is mounted on first use and unmounted after the last', async () => {
  const v = await create('tmp', { DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m,mode=0750,noexec' } });
  const mounted = () => readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((l) => l.split(' ')[4] === v.Mountpoint);
  assert.equal(volumes.mount('tmp', 'c1'), v.Mountpoint);
  assert.equal(volumes.mount('tmp', 'c2'), v.Mountpoint);
  assert.match(mounted() ?? '', /noexec.* - tmpfs tmpfs .*size=1024k,mode=750/);
  volumes.unmount('tmp', 'c1');
  assert.ok(mounted());
  volumes.unmount('tmp', 'c2');
  assert.equal(mounted(), undefined);
  // Without options, the data directory is the mount point.
  await create('plain');
  assert.equal(volumes.mount('plain', 'c1'), volumes.inspect('plain').Mountpoint);
  await writeFile(join(volumes.inspect('plain').Mountpoint, 'x'), 'y');
  assert.equal(await readFile(join(volumes.inspect('plain').Mountpoint, 'x'), 'utf8'), 'y');
  const bad = await create('bad', { DriverOpts: { type: 'nosuchfs', device: 'none' } });
  assert.throws(() => volumes.mount('bad', 'c1'), { message: /^failed to mount local volume: / });
  assert.equal(bad.Name, 'bad');
});

test('o= words become mount flags as moby/sys/mount reads them; the rest is data', () => {
  assert.deepEqual(mountFlags('ro,nosuid,size=1m,uid=1000'), { flags: 0x1 | 0x2, data: 'size=1m,uid=1000' });
  assert.deepEqual(mountFlags('ro,rw,defaults'), { flags: 0, data: '' });
  assert.deepEqual(mountFlags('addr=1.2.3.4,nfsvers=4,noatime'), { flags: 0x400, data: 'addr=1.2.3.4,nfsvers=4' });
});
