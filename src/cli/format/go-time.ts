// Go's time formatting for the layouts docker prints: Time.String()
// ("2006-01-02 15:04:05.999999999 -0700 MST"), RFC 3339 and ANSIC, in the
// local zone as Go's time.Local (or UTC for times parsed with a "Z").
import type { GoTime } from './go-value.js';

export type TimeLayout = 'string' | 'rfc3339' | 'rfc3339nano' | 'ansic';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let zoneNames: Intl.DateTimeFormat | undefined;

/** The zone abbreviation Go prints ("UTC", "CET", or "+0530" style when the zone has none). */
function zoneName(date: Date, offsetMinutes: number): string {
  zoneNames ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
  const name = zoneNames.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (name && !name.startsWith('GMT')) return name;
  if (offsetMinutes === 0) return name === 'GMT' ? 'GMT' : 'UTC';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = abs % 60 === 0 ? '' : String(abs % 60).padStart(2, '0');
  return `${offsetMinutes < 0 ? '-' : '+'}${hh}${mm}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetText(offsetMinutes: number, colon: boolean): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

/** Formats a Go time in one of the layouts docker uses. */
export function formatGoTime(t: GoTime, layout: TimeLayout = 'string'): string {
  const date = new Date(t.ms);
  // East of UTC is positive here, as Go prints it.
  const offset = t.utc ? 0 : -date.getTimezoneOffset();
  const local = new Date(t.ms + offset * 60_000);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth();
  const d = local.getUTCDate();
  const clock = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const nanos = (((t.ms % 1000) + 1000) % 1000) * 1e6 + t.nanos;
  const fraction = nanos === 0 ? '' : '.' + pad(nanos, 9).replace(/0+$/, '');
  const ymd = `${pad(y, 4)}-${pad(mo + 1)}-${pad(d)}`;
  switch (layout) {
    case 'ansic':
      return `${days[local.getUTCDay()]} ${months[mo]} ${String(d).padStart(2, ' ')} ${clock} ${y}`;
    case 'rfc3339':
    case 'rfc3339nano': {
      const frac = layout === 'rfc3339nano' ? fraction : '';
      return `${ymd}T${clock}${frac}${offset === 0 ? 'Z' : offsetText(offset, true)}`;
    }
    default: {
      const zone = t.utc ? 'UTC' : zoneName(date, offset);
      return `${ymd} ${clock}${fraction} ${offsetText(offset, false)} ${zone}`;
    }
  }
}
