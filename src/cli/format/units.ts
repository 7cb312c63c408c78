// docker/go-units as the docker CLI prints sizes and ages: decimal sizes
// with 3 or 4 significant digits ("4.26MB", "0B"), binary sizes for memory
// ("1.944GiB"), and coarse durations ("About a minute").
import { formatFloat } from './go-float.js';

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function scaled(size: number, base: number, names: string[], precision: number): string {
  let i = 0;
  while (size >= base && i < names.length - 1) {
    size /= base;
    i++;
  }
  return formatFloat(size, 'g', precision) + names[i];
}

/** go-units HumanSizeWithPrecision: decimal units, `precision` significant digits. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  return scaled(size, 1000, decimalUnits, precision);
}

/** go-units HumanSize: 4 significant digits ("4.261MB"). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** go-units BytesSize: binary units, 4 significant digits ("1.944GiB"). */
export function bytesSize(size: number): string {
  return scaled(size, 1024, binaryUnits, 4);
}

/** go-units HumanDuration of a span in milliseconds ("Less than a second" ... "3 years"). */
export function humanDuration(ms: number): string {
  // Go truncates the float conversions toward zero.
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const exactHours = ms / 3_600_000;
  const hours = Math.trunc(exactHours + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(exactHours) / 24 / 365)} years`;
}

/** How long ago a Unix time (seconds) was, as docker's CREATED column prints it. */
export function timeAgo(unixSeconds: number, nowMs: number = Date.now()): string {
  return humanDuration(nowMs - unixSeconds * 1000) + ' ago';
}
