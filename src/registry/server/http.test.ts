import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from './errors.js';
import { byteRange, chunkRange } from './http.js';

test('blob GETs serve one byte range, or the whole', () => {
  assert.deepEqual(byteRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(byteRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(byteRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.deepEqual(byteRange('bytes=-1000', 100), { start: 0, end: 99 });
  assert.deepEqual(byteRange('bytes=50-1000', 100), { start: 50, end: 99 });
  assert.equal(byteRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(byteRange('bytes=9-3', 100), 'unsatisfiable');
  assert.equal(byteRange('bytes=0-1,5-6', 100), undefined);
  assert.equal(byteRange('items=0-1', 100), undefined);
  assert.equal(byteRange(undefined, 100), undefined);
});

test('chunk ranges are start-end, anything else is refused with 416', () => {
  assert.deepEqual(chunkRange('0-99'), { start: 0, end: 99 });
  assert.deepEqual(chunkRange('bytes=100-199'), { start: 100, end: 199 });
  assert.equal(chunkRange(undefined), undefined);
  assert.throws(() => chunkRange('abc'), (e: unknown) => e instanceof RegistryError && e.status === 416);
});
