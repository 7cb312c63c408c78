// Go's notions of blanks and of a quoted string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote, isSpace, trimSpace } from './text.js';

test('isSpace is unicode.IsSpace', () => {
  for (const ch of ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u2003', '\u3000']) assert.equal(isSpace(ch), true, ch);
  for (const ch of ['a', '\u200b', '\ufeff', '']) assert.equal(isSpace(ch), false, ch);
  assert.equal(trimSpace('\u00a0 a b\t\n'), 'a b');
});

test('goQuote is strconv.Quote', () => {
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('é 한 \u{1F600}'), '"é 한 \u{1F600}"');
  assert.equal(goQuote('\x07\b\f\n\r\t\v\x00\x7f'), '"\\a\\b\\f\\n\\r\\t\\v\\x00\\x7f"');
  assert.equal(goQuote('\u0085\u00a0\u200b'), '"\\u0085\\u00a0\\u200b"');
});
