// Go's filepath.Match semantics (its own test table, as patternmatcher
// carries it) and Go's path.Clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { cleanPath } from './clean-path.js';
import { compileGlob, hasWildcards } from './glob.js';
import { goMatchCases } from './test-support.js';

test('filepath.Match: Go test table', () => {
  const cases: Array<[string, string, boolean]> = [
    ...goMatchCases,
    // Not in Go's table: a class may hold '*' and '/', a reversed range matches nothing.
    ['a[*]', 'a*', true],
    ['a[/]b', 'a/b', true],
    ['[z-a]', 'm', false],
    ['[^z-a]', 'm', true],
  ];
  for (const [pattern, name, match] of cases) assert.equal(compileGlob(pattern).test(name), match, `${pattern} ~ ${name}`);
});

test('filepath.Match: malformed patterns are refused', () => {
  for (const pattern of ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'ab\\']) {
    assert.throws(() => compileGlob(pattern), InvalidArgument, pattern);
  }
});

test('wildcards are unescaped *, ? or [', () => {
  assert.ok(hasWildcards('*.go'));
  assert.ok(hasWildcards('a?c'));
  assert.ok(hasWildcards('[ab]'));
  assert.ok(!hasWildcards('plain/path'));
  assert.ok(!hasWildcards('a\\*b'));
});

test('path.Clean as Go cleans', () => {
  const cases: Array<[string, string]> = [
    ['', '.'],
    ['abc', 'abc'],
    ['abc/', 'abc'],
    ['a//b', 'a/b'],
    ['./a', 'a'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    ['a/..', '.'],
    ['..', '..'],
    ['../..', '../..'],
    ['a/../..', '..'],
    ['/', '/'],
    ['//a', '/a'],
    ['/../a', '/a'],
    ['/a/../..', '/'],
    ['!a/../b', 'b'],
  ];
  for (const [path, clean] of cases) assert.equal(cleanPath(path), clean, path);
});
