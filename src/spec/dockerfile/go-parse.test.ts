// Go's scalar parsers, as Docker reads flag values with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { parseGoBool, parseGoDuration, parseGoInt32, parseGoUint32, parseRamBytes } from './go-parse.js';

test('parseGoDuration accepts what time.ParseDuration does, in nanoseconds', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['-0', 0],
    ['30s', 30e9],
    ['1h30m', 5400e9],
    ['1.5s', 1.5e9],
    ['1.s', 1e9],
    ['.5ms', 5e5],
    ['300ms', 3e8],
    ['+5s', 5e9],
    ['-2ms', -2e6],
    ['1us', 1e3],
    ['1\u00b5s', 1e3],
    ['1\u03bcs', 1e3],
    ['10ns', 10],
    ['1h1m1s1ms', 3661001e6],
    ['2562047h', 2562047 * 3600e9],
  ];
  for (const [input, ns] of cases) assert.equal(parseGoDuration(input), ns, input);
});

test('parseGoDuration refuses, with Go messages', () => {
  const cases: [string, string][] = [
    ['', 'time: invalid duration ""'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['1h-1m', 'time: unknown unit "h-" in duration "1h-1m"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1s2', 'time: missing unit in duration "1s2"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
  ];
  for (const [input, message] of cases) assert.throws(() => parseGoDuration(input), { constructor: InvalidArgument, message }, input);
  assert.equal(parseGoDuration('-9223372036854775808ns'), -9223372036854775808);
});

test('parseGoInt32, parseGoUint32, parseGoBool', () => {
  assert.equal(parseGoInt32('+12'), 12);
  assert.equal(parseGoInt32('-2147483648'), -2147483648);
  assert.throws(() => parseGoInt32('2147483648'), { message: 'strconv.ParseInt: parsing "2147483648": value out of range' });
  assert.throws(() => parseGoInt32('1_0'), { message: 'strconv.ParseInt: parsing "1_0": invalid syntax' });
  assert.throws(() => parseGoInt32(''), { message: 'strconv.ParseInt: parsing "": invalid syntax' });
  assert.equal(parseGoUint32('0755', 8), 0o755);
  assert.equal(parseGoUint32('4294967295', 10), 4294967295);
  for (const [s, base] of [['8', 8], ['0o7', 8], ['-1', 10], ['+1', 10], ['4294967296', 10], ['', 10]] as const) {
    assert.equal(parseGoUint32(s, base), undefined, s);
  }
  for (const s of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseGoBool(s), true, s);
  for (const s of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseGoBool(s), false, s);
  for (const s of ['yes', 'tRUE', '', ' true']) assert.equal(parseGoBool(s), undefined, s);
});

test('parseRamBytes reads sizes as go-units RAMInBytes (binary units)', () => {
  const cases: [string, number][] = [
    ['100', 100],
    ['64m', 64 * 2 ** 20],
    ['64M', 64 * 2 ** 20],
    ['1g', 2 ** 30],
    ['1.5KiB', 1536],
    ['2kb', 2048],
    ['10 b', 10],
    ['1 k', 1024],
    ['0.5', 0],
  ];
  for (const [input, bytes] of cases) assert.equal(parseRamBytes(input), bytes, input);
  for (const input of ['', 'm', '-1m', '1x', '1kk', '1mib2', '1 2', '1.2.3m', '1kbb']) assert.equal(parseRamBytes(input), undefined, input);
});
