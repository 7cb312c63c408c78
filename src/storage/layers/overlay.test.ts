// Real overlay mounts (root). Every test unmounts what it mounted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InvalidArgument, NotFound, type Digest } from '../../common/index.js';
import { rawEntry, rawTar } from '../../../test/support/hostile-tars.js';
import { tempLayerStore, type TempStore } from './test-support.js';

async function commit(temp: TempStore, parent: Digest | null, ...entries: Buffer[]): Promise<Digest> {
  const layer = await temp.store.unpack(Readable.from([rawTar(...entries)]));
  return (await temp.store.commit(layer, parent)).chainId;
}

function mountPoint(temp: TempStore, name: string): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  return dir;
}

test('whiteouts and opaque directories hide the layers below', async (t) => {
  const temp = await tempLayerStore(t);
  const lower = await commit(
    temp,
    null,
    rawEntry({ name: 'a', data: 'a' }),
    rawEntry({ name: 'b', data: 'b' }),
    rawEntry({ name: 'd/', type: '5' }),
    rawEntry({ name: 'd/x', data: 'x' }),
  );
  const upper = await commit(
    temp,
    lower,
    rawEntry({ name: '.wh.a', data: '' }),
    rawEntry({ name: 'd/', type: '5' }),
    rawEntry({ name: 'd/.wh..wh..opq', data: '' }),
    rawEntry({ name: 'd/y', data: 'y' }),
  );
  const target = mountPoint(temp, 'mnt');
  const unmount = await temp.store.mount([lower, upper], target);
  try {
    assert.deepEqual(readdirSync(target).sort(), ['b', 'd']);
    assert.deepEqual(readdirSync(join(target, 'd')), ['y']);
    assert.throws(() => writeFileSync(join(target, 'new'), 'x'), { code: 'EROFS' });
  } finally {
    await unmount();
  }
  assert.deepEqual(readdirSync(target), []);
  await unmount(); // a second call does nothing
});

test('a single layer mounts read-only, and read-write with an upper directory', async (t) => {
  const temp = await tempLayerStore(t);
  const only = await commit(temp, null, rawEntry({ name: 'file', data: 'lower' }), rawEntry({ name: '.wh.hidden', data: '' }));
  const ro = mountPoint(temp, 'ro');
  const unmountRo = await temp.store.mount([only], ro);
  try {
    assert.deepEqual(readdirSync(ro), ['file']);
  } finally {
    await unmountRo();
  }

  const rw = mountPoint(temp, 'rw');
  const upper = mountPoint(temp, 'upper');
  const work = mountPoint(temp, 'work');
  const unmountRw = await temp.store.mount([only], rw, { upper, work });
  try {
    writeFileSync(join(rw, 'file'), 'changed');
    writeFileSync(join(rw, 'new'), 'new');
  } finally {
    await unmountRw();
  }
  assert.equal(readFileSync(join(upper, 'file'), 'utf8'), 'changed');
  assert.equal(readFileSync(join(temp.store.diffPath(only), 'file'), 'utf8'), 'lower');
});

test('long chains mount through the new mount API', async (t) => {
  const temp = await tempLayerStore(t);
  const chain: Digest[] = [];
  // 60 layers of ~100-byte paths do not fit in mount(2)'s one page of options.
  for (let i = 0; i < 60; i++) chain.push(await commit(temp, chain.at(-1) ?? null, rawEntry({ name: `f${i}`, data: `${i}` })));
  const target = mountPoint(temp, 'mnt');
  const unmount = await temp.store.mount(chain, target);
  try {
    assert.equal(readdirSync(target).length, 60);
    assert.equal(readFileSync(join(target, 'f59'), 'utf8'), '59');
  } finally {
    await unmount();
  }
});

test('mount checks the chain', async (t) => {
  const temp = await tempLayerStore(t);
  const a = await commit(temp, null, rawEntry({ name: 'a' }));
  const b = await commit(temp, null, rawEntry({ name: 'b' }));
  const target = mountPoint(temp, 'mnt');
  await assert.rejects(temp.store.mount([a, b], target), InvalidArgument);
  await assert.rejects(temp.store.mount([`sha256:${'1'.repeat(64)}`], target), NotFound);
  await assert.rejects(temp.store.mount([], target), InvalidArgument);
  assert.deepEqual(readdirSync(target), []);
});
