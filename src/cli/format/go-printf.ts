// Go's fmt.Sprintf for the template function printf: the common verbs
// (%v %s %d %q %t %o %b %x %X %f %e %g %c %%) with flags, width and precision,
// and Go's "%!d(string=x)" notes for mismatched or missing arguments.
import { formatFloat } from './go-float.js';
import { GoStruct, type GoValue, formatNumber, formatValue, typeName } from './go-value.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width: number | undefined;
  precision: number | undefined;
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  const fill = spec.width - text.length;
  if (spec.minus) return text + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(text) ? (text[0] as string) : '';
    return sign + '0'.repeat(fill) + text.slice(sign.length);
  }
  return ' '.repeat(fill) + text;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function sign(text: string, n: number, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return text;
  return (spec.plus ? '+' : spec.space ? ' ' : '') + text;
}

function bad(verb: string, v: GoValue): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}

function formatOne(verb: string, v: GoValue, spec: Spec): string {
  if (Array.isArray(v) && verb !== 'v' && verb !== 's' && verb !== 'q') {
    return '[' + v.map((e) => formatOne(verb, e, { ...spec, width: undefined })).join(' ') + ']';
  }
  switch (verb) {
    case 'v':
      if (spec.plus && v instanceof GoStruct) {
        return pad('{' + v.fields.map((f) => `${f.name}:${formatValue(f.value)}`).join(' ') + '}', spec, false);
      }
      if (typeof v === 'number') return pad(sign(formatNumber(v), v, spec), spec, true);
      return pad(formatValue(v), spec, false);
    case 's':
      if (typeof v === 'string') return pad(spec.precision === undefined ? v : [...v].slice(0, spec.precision).join(''), spec, false);
      if (Array.isArray(v) || v instanceof GoStruct) return pad(formatValue(v), spec, false);
      return bad(verb, v);
    case 'q':
      if (typeof v === 'string') return pad(quoteGo(v), spec, false);
      if (Array.isArray(v)) return pad('[' + v.map((e) => formatOne('q', e, { ...spec, width: undefined })).join(' ') + ']', spec, false);
      if (typeof v === 'number' && Number.isInteger(v)) return pad(`'${String.fromCodePoint(v)}'`, spec, false);
      return bad(verb, v);
    case 'd':
      if (typeof v === 'number' && Number.isInteger(v)) return pad(sign(v.toFixed(0), v, spec), spec, true);
      return bad(verb, v);
    case 'c':
      if (typeof v === 'number' && Number.isInteger(v)) return pad(String.fromCodePoint(v), spec, false);
      return bad(verb, v);
    case 't':
      if (typeof v === 'boolean') return pad(String(v), spec, false);
      return bad(verb, v);
    case 'o':
    case 'b':
      if (typeof v === 'number' && Number.isInteger(v)) {
        const text = Math.abs(v).toString(verb === 'o' ? 8 : 2);
        return pad(sign((v < 0 ? '-' : '') + (spec.sharp && verb === 'o' ? '0' : '') + text, v, spec), spec, true);
      }
      return bad(verb, v);
    case 'x':
    case 'X': {
      let text: string;
      if (typeof v === 'number' && Number.isInteger(v)) text = Math.abs(v).toString(16);
      else if (typeof v === 'string') text = Buffer.from(v).toString('hex');
      else return bad(verb, v);
      if (spec.sharp) text = '0x' + text;
      if (verb === 'X') text = text.toUpperCase();
      return pad(typeof v === 'number' && v < 0 ? '-' + text : text, spec, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      if (typeof v !== 'number') return bad(verb, v);
      const fmt = (verb === 'F' ? 'f' : verb) as 'e' | 'E' | 'f' | 'g' | 'G';
      const prec = spec.precision ?? (fmt === 'g' || fmt === 'G' ? -1 : 6);
      return pad(sign(formatFloat(v, fmt, prec), v, spec), spec, true);
    }
    default:
      return `%!${verb}(${v === undefined || v === null ? '<nil>' : `${typeName(v)}=${formatValue(v)}`})`;
  }
}

/** fmt.Sprintf(format, args...). */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, precision: undefined };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '0') spec.zero = true;
      else if (c === ' ') spec.space = true;
      else if (c === '#') spec.sharp = true;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === '.') {
      i++;
      const precision = /^\d*/.exec(format.slice(i)) as RegExpExecArray;
      spec.precision = Number(precision[0] || '0');
      i += precision[0].length;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argIndex++], spec);
  }
  if (argIndex < args.length) {
    out += '%!(EXTRA ' + args.slice(argIndex).map((a) => (a === undefined || a === null ? '<nil>' : `${typeName(a)}=${formatValue(a)}`)).join(', ') + ')';
  }
  return out;
}
