// The values Go templates see, modelled closely enough that `--format`
// prints what docker prints. Plain JavaScript values stand for Go's dynamic
// ones (decoded JSON: map[string]interface{}, []interface{}, string, float64,
// bool, nil); the classes below stand for Go's typed values where docker
// executes templates on Go structs, whose printing differs: a struct prints
// as `{v1 v2}` in field order, a nil slice as `[]`, a nil map as `map[]`, a
// time as `2006-01-02 15:04:05 +0000 UTC`.
import { formatFloat } from './go-float.js';
import { formatGoTime } from './go-time.js';

/** One field of a Go struct: its Go name, value, and JSON encoding. */
export interface GoField {
  name: string;
  value: GoValue;
  /** The JSON key; defaults to the Go name. */
  json?: string;
  omitEmpty?: boolean;
  /** An embedded struct: its fields are promoted, and inlined in JSON. */
  embedded?: boolean;
}

/** A Go struct (or pointer to one, `typeName` says which). */
export class GoStruct {
  #fields: GoField[] | (() => GoField[]);

  constructor(
    readonly typeName: string,
    /** The fields in declaration order, or a function that lists them when first needed. */
    fields: GoField[] | (() => GoField[]),
    /** A custom MarshalJSON, as docker's formatter contexts have. */
    readonly marshalJSON?: () => string,
    /** The fields are methods without arguments (docker's formatter contexts), not struct fields. */
    readonly methods = false,
  ) {
    this.#fields = fields;
  }

  get fields(): GoField[] {
    if (typeof this.#fields === 'function') this.#fields = this.#fields();
    return this.#fields;
  }

  /** The field named `name`, looking into embedded structs as Go promotes them. */
  field(name: string): GoField | undefined {
    for (const f of this.fields) if (f.name === name) return f;
    for (const f of this.fields) {
      if (f.embedded && f.value instanceof GoStruct) {
        const inner = f.value.field(name);
        if (inner) return inner;
      }
    }
    return undefined;
  }
}

/** A Go map with a typed element: a missing key reads as `zero`, not as "no value". */
export class GoMap {
  constructor(
    readonly typeName: string,
    readonly entries: Record<string, GoValue>,
    readonly zero: GoValue,
  ) {}
}

/** A typed nil: nil slice prints `[]`, nil map `map[]`, nil pointer `<nil>`; all encode as JSON null. */
export class GoNil {
  constructor(
    readonly kind: 'slice' | 'map' | 'pointer',
    readonly typeName: string,
  ) {}
}

/** A time.Time (as a Unix time in ms plus extra nanoseconds). */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly nanos: number = 0,
    /** Print in UTC rather than the local zone. */
    readonly utc: boolean = false,
  ) {}

  /** Parses RFC 3339 (with up to 9 fractional digits); undefined when it is not one. */
  static parse(text: string): GoTime | undefined {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
    if (!m) return undefined;
    const ms = Date.parse(`${m[1]}${m[3]}`);
    if (Number.isNaN(ms)) return undefined;
    const frac = (m[2] ?? '').padEnd(9, '0');
    return new GoTime(ms + Number(frac.slice(0, 3)), Number(frac.slice(3)), m[3] === 'Z');
  }
}

/** A time.Duration in nanoseconds. */
export class GoDuration {
  constructor(readonly ns: number) {}
}

export type GoValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | GoValue[]
  | { [key: string]: GoValue }
  | GoStruct
  | GoMap
  | GoNil
  | GoTime
  | GoDuration;

export function isPlainMap(v: GoValue): v is { [key: string]: GoValue } {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Go's type name of a value, for error messages ("string", "map[string]interface {}"...). */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return v.every((e) => typeof e === 'string') && v.length > 0 ? '[]string' : '[]interface {}';
  if (v instanceof GoStruct || v instanceof GoMap || v instanceof GoNil) return v.typeName;
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDuration) return 'time.Duration';
  return 'map[string]interface {}';
}

/** The keys of a map in Go's printing and ranging order (sorted). */
export function mapKeys(m: { [key: string]: GoValue } | GoMap): string[] {
  return Object.keys(m instanceof GoMap ? m.entries : m).sort(compareStrings);
}

/** Byte-wise string order, as Go sorts strings (UTF-16 order differs only for astral characters). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatDuration(ns: number): string {
  // time.Duration.String: "1h2m3.5s", "1.5s", "2ms", "0s".
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, scale] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFraction((u / scale).toFixed(9)) + unit;
  } else {
    const h = Math.floor(u / 3.6e12);
    u -= h * 3.6e12;
    const m = Math.floor(u / 6e10);
    u -= m * 6e10;
    const s = trimFraction((u / 1e9).toFixed(9)) + 's';
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? '-' + out : out;
}

function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** fmt's %v of a value nested inside another (pointers print as addresses there). */
function formatNested(v: GoValue): string {
  if (v instanceof GoStruct && v.typeName.startsWith('*')) return '0xc000010000';
  if (v === undefined || v === null) return '<nil>';
  return formatValue(v);
}

/** fmt.Sprint(v) (%v): how templates print a value. */
export function formatValue(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return '[' + v.map(formatNested).join(' ') + ']';
  if (v instanceof GoStruct) return '{' + v.fields.map((f) => formatNested(f.value)).join(' ') + '}';
  if (v instanceof GoNil) return v.kind === 'slice' ? '[]' : v.kind === 'map' ? 'map[]' : '<nil>';
  if (v instanceof GoTime) return formatGoTime(v);
  if (v instanceof GoDuration) return formatDuration(v.ns);
  const entries = v instanceof GoMap ? v.entries : v;
  return 'map[' + mapKeys(v).map((k) => `${k}:${formatNested(entries[k])}`).join(' ') + ']';
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return formatFloat(n, 'g', -1);
}

const jsonEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** A JSON string as Go's encoder writes it (escapeHTML as json.Marshal, or not as docker's json func). */
export function jsonString(s: string, escapeHTML: boolean): string {
  const pattern = escapeHTML ? /["\\\u0000-\u001f<>&\u2028\u2029]/g : /["\\\u0000-\u001f\u2028\u2029]/g;
  return (
    '"' +
    s.replace(pattern, (c) => jsonEscapes[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) +
    '"'
  );
}

function isEmptyValue(v: GoValue): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (v instanceof GoNil) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoMap) return Object.keys(v.entries).length === 0;
  if (isPlainMap(v)) return Object.keys(v).length === 0;
  if (v instanceof GoDuration) return v.ns === 0;
  return false;
}

/** encoding/json's Marshal of a value: compact, map keys sorted, struct fields in order. */
export function toJSON(v: GoValue, escapeHTML: boolean): string {
  if (v === undefined || v === null || v instanceof GoNil) return 'null';
  if (typeof v === 'string') return jsonString(v, escapeHTML);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (Array.isArray(v)) return '[' + v.map((e) => toJSON(e, escapeHTML)).join(',') + ']';
  if (v instanceof GoTime) return jsonString(formatGoTime(v, 'rfc3339nano'), escapeHTML);
  if (v instanceof GoDuration) return String(v.ns);
  if (v instanceof GoStruct) {
    if (v.marshalJSON) return v.marshalJSON();
    return '{' + structMembers(v, escapeHTML).join(',') + '}';
  }
  const entries = v instanceof GoMap ? v.entries : v;
  return '{' + mapKeys(v).map((k) => `${jsonString(k, escapeHTML)}:${toJSON(entries[k], escapeHTML)}`).join(',') + '}';
}

function structMembers(s: GoStruct, escapeHTML: boolean): string[] {
  const out: string[] = [];
  for (const f of s.fields) {
    if (f.embedded && f.value instanceof GoStruct) {
      out.push(...structMembers(f.value, escapeHTML));
      continue;
    }
    if (f.omitEmpty && isEmptyValue(f.value)) continue;
    out.push(`${jsonString(f.json ?? f.name, escapeHTML)}:${toJSON(f.value, escapeHTML)}`);
  }
  return out;
}
