import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from './errors.js';
import { paginate } from './pagination.js';

const all = ['a', 'b', 'c', 'd', 'e'];
const page = (q: string) => paginate(all, new URLSearchParams(q), '/v2/r/tags/list');

test('pages follow last, hold n entries, and link to the next', () => {
  assert.deepEqual(page(''), { entries: all });
  assert.deepEqual(page('n=2'), { entries: ['a', 'b'], link: '</v2/r/tags/list?last=b&n=2>; rel="next"' });
  assert.deepEqual(page('n=2&last=b'), { entries: ['c', 'd'], link: '</v2/r/tags/list?last=d&n=2>; rel="next"' });
  assert.deepEqual(page('n=2&last=d'), { entries: ['e'] });
  assert.deepEqual(page('last=c'), { entries: ['d', 'e'] });
  assert.deepEqual(page('n=0'), { entries: [] });
  assert.deepEqual(page('n=5'), { entries: all });
  assert.throws(() => page('n=-1'), (e: unknown) => e instanceof RegistryError && e.code === 'PAGINATION_NUMBER_INVALID');
});
