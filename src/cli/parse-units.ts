// Values of create's flags as the docker CLI parses them: sizes with
// go-units' RAMInBytes, CPUs with opts.ParseCPUs (an exact rational).

const binary: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const goFloat = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** go-units RAMInBytes; throws an Error with go-units' message. */
export function ramInBytes(text: string): number {
  const sep = Math.max(...[...'0123456789. '].map((c) => text.lastIndexOf(c)));
  if (sep < 0) throw new Error(`invalid size: '${text}'`);
  const num = text[sep] === ' ' ? text.slice(0, sep) : text.slice(0, sep + 1);
  let suffix = text.slice(sep + 1);
  if (!goFloat.test(num)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax`);
  let size = Number(num);
  if (size < 0) throw new Error(`invalid size: '${text}'`);
  if (suffix === '') return Math.trunc(size);
  const bad = (): Error => new Error(`invalid suffix: '${suffix}'`);
  if (suffix.length > 3) throw bad();
  suffix = suffix.toLowerCase();
  if (suffix[0] === 'b') {
    if (suffix.length > 1) throw bad();
    return Math.trunc(size);
  }
  const mul = binary[suffix[0]!];
  if (mul === undefined) throw bad();
  size *= mul;
  if ((suffix.length === 2 && suffix[1] !== 'b') || (suffix.length === 3 && suffix.slice(1) !== 'ib')) throw bad();
  return Math.trunc(size);
}

/** opts.ParseCPUs: CPUs (a decimal or a/b fraction) in billionths; throws an Error with docker's message. */
export function parseCpus(text: string): number {
  const fail = (): never => {
    throw new Error(`failed to parse ${text} as a rational number`);
  };
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    const den = Number(fraction[2]);
    if (den === 0) fail();
    const nano = (Number(fraction[1]) * 1e9) / den;
    if (!Number.isInteger(nano)) throw new Error('value is too precise');
    return nano;
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return fail();
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 9) throw new Error('value is too precise');
  const nano = Number(m[2] || '0') * 1e9 + Number(frac.padEnd(9, '0'));
  return m[1] === '-' ? -nano : nano;
}

/** A pflag check from a parser that throws. */
export function checkWith(parse: (text: string) => unknown): (raw: string) => string | undefined {
  return (raw) => {
    try {
      parse(raw);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };
}

const durationUnits: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds; throws an Error with Go's message. */
export function parseGoDuration(text: string): number {
  const invalid = (): Error => new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let s = text;
  const negative = s.startsWith('-');
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    if (m[1] === '' && (m[2] ?? '') === '') throw invalid();
    s = s.slice(m[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const scale = durationUnits[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    s = s.slice(unit.length);
    total += Number(m[1] || '0') * scale + Math.trunc(Number(`0.${m[2] ?? ''}`) * scale);
  }
  if (total > 2 ** 63 - 1) throw invalid();
  return negative ? -total : total;
}

/** Go's strconv.ParseUint(text, 0, bits) (pflag's uint flags); throws an Error with Go's message. */
export function parseGoUint(text: string, bits: number): number {
  const m = /^(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.exec(text);
  if (!m) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const lower = text.toLowerCase();
  const value = /^0[0-7]/.test(text) ? parseInt(text.slice(1), 8) : lower.startsWith('0o') ? parseInt(text.slice(2), 8) : Number(lower);
  if (value >= 2 ** bits) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return value;
}
