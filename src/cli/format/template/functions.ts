// Template functions: their Go signatures (which decide the type errors Go
// reports) and Go's builtins (text/template/funcs.go).
import { sprintf } from '../go-printf.js';
import {
  GoDuration,
  GoMap,
  GoNil,
  GoStruct,
  GoTime,
  type GoValue,
  compareStrings,
  formatValue,
  isPlainMap,
  typeName,
} from '../go-value.js';

/** A parameter's Go type: `value` is reflect.Value (takes anything, even "no value"). */
export type ParamType = 'string' | 'int' | 'bool' | '[]string' | 'any' | 'value';

export interface GoFunction {
  params: ParamType[];
  variadic?: ParamType;
  call(...args: GoValue[]): GoValue;
}

export type FuncMap = Record<string, GoFunction>;

/** Thrown by a function for Go's "error calling NAME: ..." */
export class FunctionError extends Error {}

export const paramTypeNames: Record<ParamType, string> = {
  string: 'string',
  int: 'int',
  bool: 'bool',
  '[]string': '[]string',
  any: 'interface {}',
  value: 'reflect.Value',
};

/** Go's truth of a value (if, with, and, or, not). */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoNil) return false;
  if (v instanceof GoMap) return Object.keys(v.entries).length > 0;
  if (v instanceof GoDuration) return v.ns !== 0;
  if (v instanceof GoStruct || v instanceof GoTime) return true;
  return Object.keys(v).length > 0;
}

type Kind = 'bool' | 'number' | 'string' | 'invalid' | 'other';

function basicKind(v: GoValue): Kind {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || v instanceof GoDuration) return 'number';
  if (typeof v === 'string') return 'string';
  return 'other';
}

function numeric(v: GoValue): number {
  return v instanceof GoDuration ? v.ns : (v as number);
}

const isNil = (v: GoValue): boolean => v === undefined || v === null || v instanceof GoNil;

function equal(a: GoValue, b: GoValue): boolean {
  // Against nil, only nil (a nil pointer, map or slice) is equal.
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) {
    if (ka !== 'invalid' && kb !== 'invalid') throw new FunctionError('incompatible types for comparison');
    return false;
  }
  if (ka === 'number') return numeric(a) === numeric(b);
  if (ka === 'other') throw new FunctionError(`non-comparable type ${formatValue(b)}: ${typeName(b)}`);
  return a === b;
}

function less(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'other' || ka === 'invalid' || ka === 'bool') throw new FunctionError('invalid type for comparison');
  if (ka !== kb) throw new FunctionError('incompatible types for comparison');
  if (ka === 'number') return numeric(a) < numeric(b);
  return compareStrings(a as string, b as string) < 0;
}

function indexInto(item: GoValue, index: GoValue): GoValue {
  if (item === undefined || item === null) throw new FunctionError('index of untyped nil');
  if (Array.isArray(item) || typeof item === 'string' || (item instanceof GoNil && item.kind === 'slice')) {
    if (index === undefined || index === null) throw new FunctionError('cannot index slice/array with nil');
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new FunctionError(`cannot index slice/array with type ${typeName(index)}`);
    }
    const length = item instanceof GoNil ? 0 : item.length;
    if (index < 0 || index > length) throw new FunctionError(`index out of range: ${index}`);
    // Go checks against the length, then indexes: one past the end fails in reflect.
    if (index === length) throw new FunctionError(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
    // Indexing a string yields a byte, printed as a number.
    return typeof item === 'string' ? Buffer.from(item)[index] : (item as GoValue[])[index];
  }
  if (item instanceof GoMap || isPlainMap(item) || (item instanceof GoNil && item.kind === 'map')) {
    if (typeof index !== 'string') throw new FunctionError(`value has type ${typeName(index)}; should be string`);
    if (item instanceof GoNil) return undefined;
    if (item instanceof GoMap) return index in item.entries ? item.entries[index] : item.zero;
    return Object.hasOwn(item, index) ? item[index] : undefined;
  }
  if (item instanceof GoNil) throw new FunctionError('index of nil pointer');
  throw new FunctionError(`can't index item of type ${typeName(item)}`);
}

/** Go's builtin slice: item[i], item[i:j] (and item[i:j:k] for slices, where k only caps). */
function sliceOf(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new FunctionError('slice of untyped nil');
  if (indexes.length > 3) throw new FunctionError(`too many slice indexes: ${indexes.length}`);
  const isString = typeof item === 'string';
  if (!isString && !Array.isArray(item)) throw new FunctionError(`can't slice item of type ${typeName(item)}`);
  if (isString && indexes.length === 3) throw new FunctionError('cannot 3-index slice a string');
  const length = isString ? Buffer.byteLength(item) : item.length;
  const bounds = indexes.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new FunctionError(`cannot index slice/array with type ${typeName(i)}`);
    if (i < 0 || i > length) throw new FunctionError(`index out of range: ${i}`);
    return i;
  });
  const [start = 0, end = length] = bounds;
  if (start > end) throw new FunctionError(`invalid slice index: ${start} > ${end}`);
  return isString ? Buffer.from(item).subarray(start, end).toString() : item.slice(start, end);
}

function length(item: GoValue): number {
  if (typeof item === 'string') return Buffer.byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (item instanceof GoNil && item.kind !== 'pointer') return 0;
  if (item instanceof GoMap) return Object.keys(item.entries).length;
  if (isPlainMap(item)) return Object.keys(item).length;
  if (item instanceof GoNil) throw new FunctionError('len of nil pointer');
  throw new FunctionError(`len of type ${typeName(item)}`);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

const htmlEscapes: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' };

/** Go's builtin template functions. `and` and `or` are evaluated lazily by the executor. */
export const builtins: FuncMap = {
  and: { params: ['value'], variadic: 'value', call: () => undefined },
  or: { params: ['value'], variadic: 'value', call: () => undefined },
  not: { params: ['value'], call: (v) => !isTrue(v) },
  len: { params: ['value'], call: (v) => length(v) },
  index: {
    params: ['value'],
    variadic: 'value',
    call: (item, ...indexes) => indexes.reduce<GoValue>((acc, i) => indexInto(acc, i), item),
  },
  slice: { params: ['value'], variadic: 'value', call: (item, ...indexes) => sliceOf(item, indexes) },
  print: { params: [], variadic: 'any', call: (...args) => sprint(args) },
  println: { params: [], variadic: 'any', call: (...args) => args.map(formatValue).join(' ') + '\n' },
  printf: { params: ['string'], variadic: 'any', call: (format, ...args) => sprintf(format as string, args) },
  html: { params: [], variadic: 'any', call: (...args) => sprint(args).replace(/[<>&'"\0]/g, (c) => htmlEscapes[c] as string) },
  urlquery: { params: [], variadic: 'any', call: (...args) => encodeURIComponent(sprint(args)).replace(/%20/g, '+') },
  eq: {
    params: ['value'],
    variadic: 'value',
    call: (a, ...rest) => {
      if (rest.length === 0) throw new FunctionError('missing argument for comparison');
      return rest.some((b) => equal(a, b));
    },
  },
  ne: { params: ['value', 'value'], call: (a, b) => !equal(a, b) },
  lt: { params: ['value', 'value'], call: (a, b) => less(a, b) },
  le: { params: ['value', 'value'], call: (a, b) => less(a, b) || equal(a, b) },
  gt: { params: ['value', 'value'], call: (a, b) => !less(a, b) && !equal(a, b) },
  ge: { params: ['value', 'value'], call: (a, b) => !less(a, b) },
};
