// Go's parsers of scalars that Dockerfile flags go through (strconv,
// time.ParseDuration, go-units' RAMInBytes), so that what Docker accepts,
// and the messages of what it refuses, are the same here.
import { InvalidArgument } from '../../common/index.js';
import { goQuote } from './text.js';

/** strconv.ParseBool; undefined when not a boolean. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseUint(s, base, 32) for base 8 or 10; undefined when invalid or too big. */
export function parseGoUint32(s: string, base: 8 | 10): number | undefined {
  if (!(base === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(s)) return undefined;
  const value = parseInt(s, base);
  return value <= 0xffff_ffff ? value : undefined;
}

/** strconv.ParseInt(s, 10, 32), with Go's messages. */
export function parseGoInt32(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new InvalidArgument(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const value = Number(BigInt(s));
  if (value < -(2 ** 31) || value > 2 ** 31 - 1) throw new InvalidArgument(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  return value;
}

const durationUnits: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5
  'μs': 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const maxDuration = 1n << 63n;

/**
 * time.ParseDuration, in nanoseconds (`1h30m`, `1.5s`, `-2ms`, `0`); a
 * number of nanoseconds is exact up to about 104 days.
 */
export function parseGoDuration(text: string): number {
  const invalid = (): InvalidArgument => new InvalidArgument(`time: invalid duration ${goQuote(text)}`);
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole = '', fraction] = [number[1], number[2]];
    if (whole === '' && !fraction) throw invalid();
    s = s.slice(number[0].length);
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') throw new InvalidArgument(`time: missing unit in duration ${goQuote(text)}`);
    s = s.slice(unitText.length);
    const unit = durationUnits[unitText];
    if (unit === undefined) throw new InvalidArgument(`time: unknown unit ${goQuote(unitText)} in duration ${goQuote(text)}`);
    let value = BigInt(whole || '0');
    if (value > maxDuration / unit) throw invalid();
    value *= unit;
    if (fraction) {
      // Go keeps the digits that fit in 63 bits and scales in float64.
      const digits = fraction.slice(0, 18);
      value += BigInt(Math.trunc(Number(digits) * (Number(unit) / 10 ** digits.length)));
      if (value > maxDuration) throw invalid();
    }
    total += value;
    if (total > maxDuration) throw invalid();
  }
  if (!negative && total > maxDuration - 1n) throw invalid();
  return Number(negative ? -total : total);
}

const ramUnits: Readonly<Record<string, number>> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/** go-units' RAMInBytes (`64m`, `1.5GiB`, `100`: binary units); undefined when invalid. */
export function parseRamBytes(text: string): number | undefined {
  const match = /^(.*[0-9. ])([^0-9. ]*)$/s.exec(text);
  if (match === null) return undefined;
  const number = match[1]!.endsWith(' ') ? match[1]!.slice(0, -1) : match[1]!;
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(number)) return undefined;
  const size = Number(number);
  if (size < 0) return undefined;
  const suffix = match[2]!.toLowerCase();
  if (suffix === '' || suffix === 'b') return Math.trunc(size);
  const multiplier = ramUnits[suffix[0]!];
  if (multiplier === undefined || !['', 'b', 'ib'].includes(suffix.slice(1))) return undefined;
  return Math.trunc(size * multiplier);
}
