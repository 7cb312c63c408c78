import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { pathMatch } from './path-match.js';

test('pathMatch follows Go path.Match', () => {
  assert.equal(pathMatch('*', 'abc'), true);
  assert.equal(pathMatch('*', 'a/b'), false);
  assert.equal(pathMatch('a*/b', 'abc/b'), true);
  assert.equal(pathMatch('\\*', '*'), true);
  assert.equal(pathMatch('[a-c]x', 'bx'), true);
  assert.equal(pathMatch('[^a-c]x', 'bx'), false);
  assert.equal(pathMatch('a.c', 'abc'), false);
  for (const bad of ['[', '[]', '[a-', '\\', '[z-a]']) assert.throws(() => pathMatch(bad, 'x'), InvalidArgument, bad);
});
