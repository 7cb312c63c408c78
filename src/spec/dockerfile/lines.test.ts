// Physical lines into logical ones: directives, comments, continuations,
// heredoc bodies, as BuildKit's parser reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { DockerfileParseError } from './errors.js';
import { LineReader, type LogicalLine } from './lines.js';

function read(source: string): { lines: LogicalLine[]; reader: LineReader } {
  const reader = new LineReader(source);
  const lines: LogicalLine[] = [];
  for (let line = reader.next(); line !== undefined; line = reader.next()) lines.push(line);
  return { lines, reader };
}

function texts(source: string): string[] {
  return read(source).lines.map((l) => l.text);
}

test('comments, blank lines and leading blanks are skipped', () => {
  assert.deepEqual(read('# c\n\n  FROM a\n\t# indented comment\nRUN b # not a comment\n').lines, [
    { text: 'FROM a', startLine: 3, endLine: 3 },
    { text: 'RUN b # not a comment', startLine: 5, endLine: 5 },
  ]);
});

test('line endings: LF, CRLF, none at the end; a BOM on the first line', () => {
  assert.deepEqual(texts('\uFEFFFROM a\r\nRUN b \\\r\n  c\r\nCMD d'), ['FROM a', 'RUN b   c', 'CMD d']);
});

test('continuations keep the next lines as they are, drop comments inside, warn on blank ones', () => {
  const { lines, reader } = read('RUN a \\\n    b \\\n# comment\n  # indented\n\n    c\nRUN d\\\t \nRUN e');
  assert.deepEqual(lines, [
    { text: 'RUN a     b     c', startLine: 1, endLine: 6 },
    { text: 'RUN dRUN e', startLine: 7, endLine: 8 },
  ]);
  assert.deepEqual(reader.warnings, [{ line: 6, message: 'Empty continuation line found in: RUN a     b     c' }]);
});

test('an escaped escape does not continue; a lone escape line does', () => {
  assert.deepEqual(texts('RUN a \\\\\nRUN b\n\\\nCMD c'), ['RUN a \\\\', 'RUN b', 'CMD c']);
  // A continuation at the end of the file ends the instruction there.
  assert.deepEqual(read('RUN a \\\n').lines, [{ text: 'RUN a ', startLine: 1, endLine: 1 }]);
});

test('parser directives: found at the top only, case-insensitive, once each', () => {
  const { reader, lines } = read('# syntax=docker/dockerfile:1\n#ESCAPE = `\n  # check=skip=all\nFROM a\nRUN b `\n  c');
  assert.equal(reader.escape, '`');
  assert.deepEqual(Object.fromEntries(reader.directives.values), { syntax: 'docker/dockerfile:1', escape: '`', check: 'skip=all' });
  assert.deepEqual(lines.map((l) => l.text), ['FROM a', 'RUN b   c']);
  // After a blank line, a comment or an unknown directive, they are comments.
  for (const source of ['\n# escape=`\nFROM a', '# hello\n# escape=`\nFROM a', '# foo=bar\n# escape=`\nFROM a', '#!/bin/sh\n# escape=`\nFROM a']) {
    assert.equal(read(source).reader.escape, '\\', source);
  }
  assert.equal(read('FROM a\n# escape=`').reader.escape, '\\');
});

test('parser directive errors name their line', () => {
  assert.throws(() => read('# escape=x\nFROM a'), {
    constructor: DockerfileParseError,
    line: 1,
    message: "dockerfile parse error on line 1: invalid escape token 'x' does not match ` or \\",
  });
  assert.throws(() => read('# syntax=a\n# Syntax=b\nFROM a'), {
    line: 2,
    message: 'dockerfile parse error on line 2: only one syntax parser directive can be used',
  });
});

test('heredoc bodies are read raw up to their terminator', () => {
  const reader = new LineReader('RUN <<A <<-B\n  x \\\n# y\r\nA\n\tz\n\t\tB\nCMD c\n');
  assert.deepEqual(reader.next(), { text: 'RUN <<A <<-B', startLine: 1, endLine: 1 });
  assert.equal(reader.heredocBody('A', false), '  x \\\n# y\r\n');
  assert.equal(reader.heredocBody('B', true), '\tz\n');
  assert.equal(reader.lineNumber, 6);
  assert.deepEqual(reader.next(), { text: 'CMD c', startLine: 7, endLine: 7 });
  const unterminated = new LineReader('RUN <<A\nx\n  A\n');
  unterminated.next();
  assert.throws(() => unterminated.heredocBody('A', false), (err: Error) => err instanceof InvalidArgument && err.message === 'unterminated heredoc');
});

test('a line longer than 64 KiB is refused, as bufio.Scanner does', () => {
  assert.equal(texts(`RUN ${'x'.repeat(65531)}\n`).length, 1);
  assert.throws(() => texts(`FROM a\nRUN ${'x'.repeat(65532)}\n`), {
    line: 2,
    message: 'dockerfile parse error on line 2: dockerfile line greater than max allowed size of 65535',
  });
  assert.throws(() => texts(`RUN ${'é'.repeat(40000)}`), DockerfileParseError);
});
