import { test } from 'node:test';
import assert from 'node:assert/strict';
import { naturalCompare } from './natural-sort.js';

test('numbers compare by value, digits before letters, at the first run that differs only in zeros the one with fewer comes first', () => {
  const names = ['vol10', 'vol2', 'Vol1', 'vol02', 'a', '1x', 'vol2b', 'vol', 'b'];
  assert.deepEqual(names.sort(naturalCompare), ['1x', 'Vol1', 'a', 'b', 'vol', 'vol2', 'vol2b', 'vol02', 'vol10']);
});
