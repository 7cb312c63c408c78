import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Conflict, FailedPrecondition, InvalidArgument, NotFound, chainId, type Digest } from '../../common/index.js';
import { rawEntry, rawTar } from '../../../test/support/hostile-tars.js';
import { LayerStore } from './layer-store.js';
import { tempLayerStore } from './test-support.js';

function layerTar(name: string, content = name): Readable {
  return Readable.from([rawTar(rawEntry({ name, data: content }))]);
}

test('committing the same layer twice stores it once', async (t) => {
  const { dir, store, leftovers } = await tempLayerStore(t);
  const first = await store.commit(await store.unpack(layerTar('a')), null);
  const [second, third] = await Promise.all([
    store.unpack(layerTar('a')).then((layer) => store.commit(layer, null)),
    store.unpack(layerTar('a')).then((layer) => store.commit(layer, null)),
  ]);
  assert.deepEqual(second, first);
  assert.deepEqual(third, first);
  assert.equal(first.chainId, first.diffId);
  assert.deepEqual(store.list(), [first]);
  assert.deepEqual(readdirSync(join(dir, 'layers')).sort(), [first.chainId.slice(7), 'empty', 'tmp'].sort());
  assert.deepEqual(await leftovers(), []);
});

test('layers stack by chain id and the parent must exist', async (t) => {
  const { store } = await tempLayerStore(t);
  const bottom = await store.commit(await store.unpack(layerTar('a')), null);
  const top = await store.commit(await store.unpack(layerTar('b')), bottom.chainId);
  assert.equal(top.chainId, chainId(bottom.chainId, top.diffId));
  assert.equal(top.parent, bottom.chainId);
  assert.deepEqual(store.get(top.chainId), top);
  assert.ok(existsSync(join(store.diffPath(top.chainId), 'b')));

  const missing = `sha256:${'0'.repeat(64)}` as Digest;
  const orphan = await store.unpack(layerTar('c'));
  await assert.rejects(store.commit(orphan, missing), NotFound);
  // The unpacked layer is used up by a failed commit too.
  await assert.rejects(store.commit(orphan, null), FailedPrecondition);
  await assert.rejects(store.discard(orphan), FailedPrecondition);
  assert.equal(store.list().length, 2);
});

test('remove refuses a layer that others build on, then deletes row and directory', async (t) => {
  const { store, leftovers } = await tempLayerStore(t);
  const bottom = await store.commit(await store.unpack(layerTar('a')), null);
  const top = await store.commit(await store.unpack(layerTar('b')), bottom.chainId);
  await assert.rejects(store.remove(bottom.chainId), Conflict);
  await store.remove(top.chainId);
  await store.remove(bottom.chainId);
  assert.deepEqual(store.list(), []);
  assert.ok(!existsSync(store.diffPath(bottom.chainId)));
  assert.deepEqual(await leftovers(), []);
  await assert.rejects(store.remove(bottom.chainId), NotFound);
  assert.throws(() => store.diffPath('sha256:../../etc' as Digest), InvalidArgument);
});

test('init() cleans what a crash leaves: tmp/ content, directories without rows, rows without directories', async (t) => {
  const { dir, db, store } = await tempLayerStore(t);
  const root = join(dir, 'layers');
  const a = await store.commit(await store.unpack(layerTar('a')), null);
  const b = await store.commit(await store.unpack(layerTar('b')), a.chainId);
  const c = await store.commit(await store.unpack(layerTar('c')), b.chainId);
  const other = await store.commit(await store.unpack(layerTar('other')), null);
  await store.unpack(layerTar('in-progress')); // never committed
  mkdirSync(join(root, 'tmp', 'stale', 'diff'), { recursive: true });
  const noRow = join(root, 'f'.repeat(64));
  mkdirSync(join(noRow, 'diff'), { recursive: true });
  writeFileSync(join(noRow, 'diff', 'x'), 'x');
  rmSync(join(root, b.chainId.slice(7)), { recursive: true }); // b is gone: so are c's foundations

  const restarted = new LayerStore(root, db);
  await restarted.init();
  assert.deepEqual(readdirSync(join(root, 'tmp')), []);
  assert.ok(!existsSync(noRow));
  assert.deepEqual(restarted.list().map((layer) => layer.chainId).sort(), [a.chainId, other.chainId].sort());
  assert.ok(!existsSync(join(root, c.chainId.slice(7))));
  assert.ok(existsSync(restarted.diffPath(a.chainId)));
});
