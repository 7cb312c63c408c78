// The container use cases on a real engine (SQLite, overlay directories) in
// a temporary data root.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Conflict, InvalidArgument, NotFound } from '../../common/index.js';
import { parseContainerCreate } from '../../spec/docker-validate/index.js';
import { makeTar } from '../../../test/support/images.js';
import { Engine } from '../index.js';

let dir: string;
let engine: Engine;
const dataRoot = (): string => join(dir, 'data');
const containerDirs = (): Promise<string[]> => readdir(join(dataRoot(), 'containers'));
const body = (extra: object = {}) => parseContainerCreate({ Image: 'app', ...extra });

before(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'cais-containers-'));
  engine = await Engine.open({ dataRoot: dataRoot(), execRoot: join(dir, 'run'), bridge: 'none' });
  const tar = await makeTar([{ name: 'bin/', type: 'directory' }, { name: 'bin/app', content: 'x', mode: 0o755 }]);
  await engine.images.import(Readable.from(tar), { repo: 'app', changes: ['CMD ["/bin/app"]', 'ENV A=1', 'LABEL from=image'] });
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('create stores merged settings and makes the rw directories; inspect shows them', async () => {
  const { Id, Warnings } = await engine.containers.create(body({ Env: ['B=2'], Labels: { x: 'y' } }), 'first');
  assert.match(Id, /^[0-9a-f]{64}$/);
  assert.deepEqual(Warnings, []);
  const c = await engine.containers.inspect('first');
  assert.equal(c.Id, Id);
  assert.equal(c.Name, '/first');
  assert.equal(c.State.Status, 'created');
  assert.equal(c.State.StartedAt, '0001-01-01T00:00:00Z');
  assert.equal(c.Path, '/bin/app');
  assert.deepEqual(c.Config.Env, ['B=2', 'A=1']);
  assert.deepEqual(c.Config.Labels, { from: 'image', x: 'y' });
  assert.equal(c.Config.Hostname, Id.slice(0, 12));
  assert.equal(c.HostConfig.NetworkMode, 'none');
  assert.equal(c.HostConfig.Runtime, 'crun');
  assert.equal(c.HostConfig.ShmSize, 64 * 1024 * 1024);
  assert.ok((await stat(c.GraphDriver.Data.UpperDir!)).isDirectory());
  assert.ok((await stat(c.GraphDriver.Data.WorkDir!)).isDirectory());
  assert.equal(c.GraphDriver.Data.LowerDir?.split(':').length, 1);
  assert.equal((await engine.containers.inspect(Id.slice(0, 10))).Id, Id);
  assert.equal((await engine.info()).Containers, 1);
  const [image] = (await engine.dataUsage()).Images;
  assert.equal(image?.Containers, 1);
});

test('bad input leaves no row and no directory', async () => {
  const before = [await containerDirs(), (await engine.containers.list({ all: true })).length] as const;
  await assert.rejects(engine.containers.create(body(), 'first'), (err) => err instanceof Conflict && /The container name "\/first" is already in use by container "[0-9a-f]{64}"/.test(err.message));
  await assert.rejects(engine.containers.create(body(), 'bad name'), InvalidArgument);
  await assert.rejects(engine.containers.create(parseContainerCreate({ Image: 'nope' })), { name: 'NotFound', message: 'No such image: nope:latest' });
  await assert.rejects(engine.containers.create(body({ HostConfig: { RestartPolicy: { Name: 'bogus' } } })), InvalidArgument);
  await assert.rejects(engine.containers.create(body({ HostConfig: { Memory: -1 } })), InvalidArgument);
  await assert.rejects(engine.containers.create(body({ HostConfig: { Runtime: 'nope' } })), { message: 'Unknown runtime specified nope' });
  await assert.rejects(engine.containers.create(body({ Entrypoint: [''] })), { message: 'no command specified' });
  assert.deepEqual([await containerDirs(), (await engine.containers.list({ all: true })).length], before);
});

test('images in use are kept: rmi refuses, prune keeps them', async () => {
  const id = engine.images.resolveId('app');
  await assert.rejects(engine.images.remove('app'), { message: /^conflict: unable to remove repository reference "app" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}$/ });
  await assert.rejects(engine.images.remove(id), { message: /^conflict: unable to delete [0-9a-f]{12} \(must be forced\) - image is being used by stopped container [0-9a-f]{12}$/ });
  assert.equal((await engine.images.prune({ filters: { dangling: ['false'] } })).ImagesDeleted, null);
  assert.equal(engine.images.resolveId('app'), id);
});

test('list filters, limit and order', async () => {
  const second = await engine.containers.create(body({ Labels: { tier: 'db' } }), 'second');
  assert.deepEqual(await engine.containers.list(), []);
  assert.deepEqual((await engine.containers.list({ all: true })).map((c) => c.Names[0]), ['/second', '/first']);
  assert.deepEqual((await engine.containers.list({ limit: 1 })).map((c) => c.Id), [second.Id]);
  assert.deepEqual((await engine.containers.list({ all: true, filters: { label: ['tier=db'] } })).map((c) => c.Id), [second.Id]);
  assert.deepEqual((await engine.containers.list({ all: true, filters: { before: ['second'] } })).map((c) => c.Names[0]), ['/first']);
  assert.deepEqual((await engine.containers.list({ all: true, filters: { since: ['first'] } })).map((c) => c.Names[0]), ['/second']);
  assert.deepEqual((await engine.containers.list({ filters: { status: ['created'], name: ['^/fir'] } })).map((c) => c.Names[0]), ['/first']);
  assert.equal((await engine.containers.list({ all: true, filters: { exited: ['0'] } })).length, 0);
  await assert.rejects(engine.containers.list({ filters: { status: ['bogus'] } }), { message: "invalid filter 'status=bogus'" });
  await assert.rejects(engine.containers.list({ filters: { nope: ['1'] } }), { message: "invalid filter 'nope'" });
  const [sized] = await engine.containers.list({ all: true, size: true, limit: 1 });
  assert.equal(sized?.SizeRw, 0);
  assert.equal(sized?.SizeRootFs, 1);
  assert.equal(sized?.Status, 'Created');
  assert.equal(sized?.Command, '/bin/app');
});

test('remove deletes the row and the directory; a leftover directory goes at start', async () => {
  const { Id } = await engine.containers.create(body(), 'third');
  await engine.containers.remove('third');
  await assert.rejects(engine.containers.inspect(Id), { name: 'NotFound', message: `No such container: ${Id}` });
  await assert.rejects(stat(join(dataRoot(), 'containers', Id)));
  await assert.rejects(engine.containers.remove('third'), NotFound);
  const orphan = join(dataRoot(), 'containers', 'f'.repeat(64));
  await mkdir(join(orphan, 'upper'), { recursive: true });
  await engine.close();
  engine = await Engine.open({ dataRoot: dataRoot(), execRoot: join(dir, 'run'), bridge: 'none' });
  await assert.rejects(stat(orphan));
  const pruned = await engine.containers.prune();
  assert.equal(pruned.ContainersDeleted?.length, 2);
  assert.deepEqual(await containerDirs(), []);
  assert.deepEqual((await engine.images.remove('app')).map((r) => Object.keys(r)[0]), ['Untagged', 'Deleted', 'Deleted']);
});
