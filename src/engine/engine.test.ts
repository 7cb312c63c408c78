import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { makeTar } from '../../test/support/images.js';
import { Engine } from './index.js';

let dir: string;
let engine: Engine;
before(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'cais-engine-'));
  engine = await Engine.open({ dataRoot: join(dir, 'data'), execRoot: join(dir, 'run') });
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('version and info describe this host honestly', async () => {
  const v = engine.version();
  // The API versions are the API layer's to add (test/integration/api-system.test.ts).
  assert.equal('ApiVersion' in v || 'ApiVersion' in (v.Components[0]?.Details ?? {}), false);
  assert.match(v.Version, /^\d+\.\d+\.\d+/);
  assert.equal(v.Components[0]?.Name, 'Engine');
  assert.equal(v.KernelVersion, os.release());
  const info = await engine.info();
  assert.equal(info.Driver, 'overlay2');
  assert.equal(info.DockerRootDir, join(dir, 'data'));
  assert.equal(info.NCPU, os.cpus().length);
  assert.equal(info.MemTotal, os.totalmem());
  assert.equal(info.Images, 0);
  assert.equal(info.ServerVersion, v.Version);
  // Unified only when /sys/fs/cgroup itself is cgroup2 (a hybrid host mounts it at .../unified).
  const unified = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .some((line) => / \/sys\/fs\/cgroup cgroup2 /.test(line));
  assert.equal(info.CgroupVersion, unified ? '2' : '1');
  assert.equal(info.Swarm.LocalNodeState, 'inactive');
  assert.deepEqual(Object.keys(info.Runtimes), ['crun', 'runc']);
  assert.ok(info.DefaultRuntime in info.Runtimes);
});

test('images and data usage go through the engine; the id survives a reopen', async () => {
  const tar = await makeTar([{ name: 'hello.txt', content: 'hello\n' }]);
  const id = await engine.images.import(Readable.from([tar]), { repo: 'hello' });
  assert.equal((await engine.info()).Images, 1);
  const df = await engine.dataUsage();
  assert.equal(df.Images[0]?.Id, id);
  assert.equal(df.LayersSize, df.Images[0]?.Size);
  assert.deepEqual([df.Containers, df.Volumes, df.BuildCache], [[], [], []]);
  const infoId = (await engine.info()).ID;
  await engine.close();
  engine = await Engine.open({ dataRoot: join(dir, 'data'), execRoot: join(dir, 'run') });
  assert.equal((await engine.images.inspect('hello')).Id, id);
  assert.equal((await engine.info()).ID, infoId);
});
