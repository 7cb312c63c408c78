// Image `created` timestamps: RFC 3339 strings in configs, shown by the API
// as Go's time.RFC3339Nano prints them and compared as milliseconds.

/** ms since the epoch, or null when absent or unreadable. */
export function parseCreated(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Go's RFC3339Nano form: fraction without trailing zeros, `Z` for UTC. */
export function formatCreated(value: string | undefined): string {
  if (value === undefined) return '0001-01-01T00:00:00Z';
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return value;
  let fraction = (m[3] ?? '').slice(0, 10).replace(/0+$/, '');
  if (fraction === '.') fraction = '';
  const zone = /^([Zz]|[+-]00:00)$/.test(m[4]!) ? 'Z' : m[4];
  return `${m[1]}T${m[2]}${fraction}${zone}`;
}

/** Unix seconds for the API's integer `Created` fields. */
export function unixSeconds(ms: number | null): number {
  return ms === null ? 0 : Math.floor(ms / 1000);
}
