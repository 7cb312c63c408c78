import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Internal } from '../../common/index.js';
import { parseSyncMessage, SyncReader } from './sync-pipe.js';

test('parseSyncMessage accepts conmon messages and refuses anything else', () => {
  assert.deepEqual(parseSyncMessage('{"data": 4242}'), { data: 4242 });
  assert.deepEqual(parseSyncMessage('{"data": -1, "message": "exec failed"}'), { data: -1, message: 'exec failed' });
  assert.throws(() => parseSyncMessage('{"data": "x"}'), Internal);
  assert.throws(() => parseSyncMessage('not json'), Internal);
});

test('SyncReader yields messages split across chunks in order, then undefined', async () => {
  const pipe = new PassThrough();
  const reader = new SyncReader(pipe);
  pipe.write('{"data": 1}\n{"da');
  assert.deepEqual(await reader.next(), { data: 1 });
  const second = reader.next();
  pipe.write('ta": 2}\n');
  assert.deepEqual(await second, { data: 2 });
  pipe.end();
  assert.equal(await reader.next(), undefined);
});

test('SyncReader fails on garbage', async () => {
  const pipe = new PassThrough();
  const reader = new SyncReader(pipe);
  pipe.write('garbage\n');
  await assert.rejects(reader.next(), Internal);
});
