// Reading .dockerignore as ignorefile.ReadAll does (its test, and the
// details around it: BOM, CRLF, comments only at the start of a line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerignore } from './ignore-file.js';

test("ignorefile.ReadAll's own case", () => {
  const content = 'test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n!\n! ';
  assert.deepEqual(parseDockerignore(content), ['test1', 'test2', 'a/file/here', 'lastfile', '!inverted/abs/path', '!', '!']);
});

test('a BOM, CRLF line ends, a comment only at the start of a line, patterns cleaned', () => {
  const content = Buffer.from('\uFEFF# first\r\nnode_modules/\r\n  # not a comment\r\n\t./dist//x/../y \r\n!./keep\r\n/\r\n.\r\n');
  assert.deepEqual(parseDockerignore(content), ['node_modules', '# not a comment', 'dist/y', '!keep', '/', '.']);
});

test('no patterns in an empty file', () => {
  assert.deepEqual(parseDockerignore(''), []);
  assert.deepEqual(parseDockerignore('\n\n  \n'), []);
});
