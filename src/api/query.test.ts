import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Query } from './query.js';

test('missing values read as empty, repeated ones in order', () => {
  const q = new Query('names=a&names=b%2Fc&x=1');
  assert.equal(q.get('x'), '1');
  assert.equal(q.get('missing'), '');
  assert.deepEqual(q.all('names'), ['a', 'b/c']);
  assert.deepEqual(q.all('missing'), []);
  assert.deepEqual(new Query('').all('names'), []);
  assert.equal(new Query('').get('x'), '');
});

test('booleans as moby\'s BoolValue and BoolValueOrDefault', () => {
  const q = new Query('a=1&b=true&c=yes&d=0&e=false&f=no&g=none&h=&i=%20FALSE%20&j=anything');
  for (const k of ['a', 'b', 'c', 'j']) assert.equal(q.bool(k), true, k);
  for (const k of ['d', 'e', 'f', 'g', 'h', 'i', 'missing']) assert.equal(q.bool(k), false, k);
  assert.equal(q.boolOr('missing', true), true);
  assert.equal(q.boolOr('d', true), false);
  assert.equal(q.boolOr('h', true), false);
});
