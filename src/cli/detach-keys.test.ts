import assert from 'node:assert/strict';
import { it } from 'node:test';
import { escapeProxy, parseDetachKeys } from './detach-keys.js';

it('parses detach keys as docker does', () => {
  assert.deepEqual([...parseDetachKeys('ctrl-p,ctrl-q')], [16, 17]);
  assert.deepEqual([...parseDetachKeys('a,ctrl-@,ctrl-_')], [97, 0, 31]);
  assert.throws(() => parseDetachKeys('ctrl-1'), /invalid detach keys \(ctrl-1\) provided/);
});

it('holds back a possible sequence, drops it when complete, lets the rest through', () => {
  const feed = escapeProxy(Buffer.from([16, 17]));
  assert.deepEqual(feed(Buffer.from('ab')), { send: Buffer.from('ab'), detach: false });
  assert.deepEqual(feed(Buffer.from([16])), { send: Buffer.alloc(0), detach: false });
  assert.deepEqual(feed(Buffer.from('x')), { send: Buffer.from([16, 120]), detach: false });
  assert.deepEqual(feed(Buffer.from([104, 16, 17, 105])), { send: Buffer.from('h'), detach: true });
});
