import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
  assert.equal(v.ApiVersion, '1.50');
  assert.equal(v.MinAPIVersion, '1.24');
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
