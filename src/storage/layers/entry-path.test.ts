import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryPath } from './entry-path.js';
import { TarFormatError } from './tar-reader.js';

test('entry paths are normalised relative to the root', () => {
  const cases: [string, string][] = [
    ['a/b', 'a/b'],
    ['./a//b/', 'a/b'],
    ['/etc/passwd', 'etc/passwd'],
    ['a/./b/../c', 'a/c'],
    ['.', ''],
    ['./', ''],
    ['/', ''],
    ['a/..', ''],
  ];
  for (const [name, expected] of cases) assert.equal(entryPath(name), expected, name);
});

test('paths that climb out of the root or hold NUL bytes are refused', () => {
  for (const name of ['..', '../a', 'a/../../b', '/../a', 'a/b/../../..', 'a\0b']) {
    assert.throws(() => entryPath(name), TarFormatError, name);
  }
});

test('the fast path and the careful path agree', () => {
  for (const name of ['a', 'a/', './a/b/', '././a', 'a//b', 'a/./b', '.a/..b/...', 'a/.b', '..a', 'a..', 'a/b/']) {
    const careful = name.split('/').filter((part) => part !== '' && part !== '.').join('/');
    assert.equal(entryPath(name), careful, name);
  }
});
