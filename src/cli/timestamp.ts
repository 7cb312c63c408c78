// docker's timetypes.GetTimestamp for --since/--until: a Go duration is
// relative to now ("42m"), a number is already seconds since the epoch,
// anything else is a date (RFC 3339 or a shorter form). The daemon gets
// "seconds.nanoseconds".
import { parseGoDuration } from './parse-units.js';

export function apiTimestamp(value: string, now = Date.now()): string {
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return value;
  let ms: number;
  try {
    ms = now - parseGoDuration(value) / 1e6;
  } catch {
    // Dates without a zone are local time, as Go parses them here.
    ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00` : value);
    if (Number.isNaN(ms)) throw new Error(`failed to parse value as time or duration: "${value}"`);
  }
  const seconds = Math.floor(ms / 1000);
  return `${seconds}.${String(Math.round((ms - seconds * 1000) * 1e6)).padStart(9, '0')}`;
}
