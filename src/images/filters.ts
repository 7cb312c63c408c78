// Docker's `filters` semantics (api/types/filters) and its timestamp parsing
// (api/types/time.GetTimestamp), as the image list and prune endpoints use them.
import { InvalidArgument } from '../common/index.js';
import type { Filters } from '../spec/index.js';

function invalidFilter(name: string, values?: string[]): InvalidArgument {
  const value = values !== undefined ? `=${values.join(',')}` : '';
  return new InvalidArgument(`invalid filter '${name}${value}'`);
}

/** Filters.Validate: every key must be accepted. */
export function validateFilters(filters: Filters, accepted: readonly string[]): void {
  for (const key of Object.keys(filters)) {
    if (!accepted.includes(key)) throw invalidFilter(key);
  }
}

export function filterValues(filters: Filters, key: string): string[] {
  return filters[key] ?? [];
}

export function hasFilter(filters: Filters, key: string): boolean {
  return Object.hasOwn(filters, key);
}

/** Filters.GetBoolOrDefault: "true"/"1" or "false"/"0". */
export function boolFilter(filters: Filters, key: string, defaultValue: boolean): boolean {
  const values = filterValues(filters, key);
  if (values.length === 0) return defaultValue;
  if (values.includes('true') || values.includes('1')) return true;
  if (values.includes('false') || values.includes('0')) return false;
  throw invalidFilter(key, values);
}

/** Filters.MatchKVList: every `key` or `key=value` given must be among `labels`. */
export function matchLabels(values: string[], labels: Record<string, string> | null | undefined): boolean {
  if (values.length === 0) return true;
  if (!labels || Object.keys(labels).length === 0) return false;
  for (const value of values) {
    const eq = value.indexOf('=');
    const key = eq < 0 ? value : value.slice(0, eq);
    if (!Object.hasOwn(labels, key)) return false;
    if (eq >= 0 && labels[key] !== value.slice(eq + 1)) return false;
  }
  return true;
}

const durationUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds; undefined when `s` is not a duration. */
export function parseGoDuration(s: string): number | undefined {
  const m = /^([-+]?)(.+)$/.exec(s);
  if (!m || m[2] === undefined) return undefined;
  if (m[2] === '0') return 0;
  let rest = m[2];
  let total = 0;
  while (rest.length > 0) {
    const part = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]+)/.exec(rest);
    if (!part || part[1] === undefined || part[2] === undefined) return undefined;
    const [whole, num, unit] = part as unknown as [string, string, string];
    const factor = durationUnits[unit];
    if (num === '' || num === '.' || factor === undefined) return undefined;
    total += Number(num) * factor;
    rest = rest.slice(whole.length);
  }
  return m[1] === '-' ? -total : total;
}

const dateRegexp = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?)?([zZ]|[+-]\d{2}:\d{2})?$/;

/**
 * GetTimestamp + ParseTimestamps: a duration before `now`, an RFC 3339-like
 * date (local time when no zone is given), or Unix seconds; returns
 * milliseconds since the epoch.
 */
export function parseTimestamp(value: string, now: number = Date.now()): number {
  const duration = value !== '0' ? parseGoDuration(value) : undefined;
  if (duration !== undefined) return Math.floor((now - duration) / 1000) * 1000;
  const m = dateRegexp.exec(value);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const ms = frac === '' ? 0 : Number(frac.slice(1).padEnd(9, '0')) / 1e6;
    const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
    if (zone === undefined) return new Date(...fields).getTime() + ms;
    const utc = Date.UTC(...fields) + ms;
    if (zone === 'Z' || zone === 'z') return utc;
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    return utc - sign * offset;
  }
  if (value.includes('-')) throw new InvalidArgument(`parsing time "${value}": cannot parse as a time or duration`);
  const unix = /^(-?\d+)(?:\.(\d+))?$/.exec(value);
  if (!unix || unix[1] === undefined) throw new InvalidArgument(`failed to parse value as time or duration: "${value}"`);
  const nanos = unix[2] === undefined ? 0 : Number(unix[2].slice(0, 9).padEnd(9, '0'));
  return Number(unix[1]) * 1000 + nanos / 1e6;
}
