// docker/go-units as the docker CLI prints sizes and ages: decimal sizes
// with 3 or 4 significant digits ("4.26MB", "0B"), binary sizes for memory
// ("1.944GiB"), and coarse durations ("About a minute").
import { humanDuration } from '../../spec/docker/index.js';
import { formatFloat } from './go-float.js';

// shared with the daemon, which prints it in a container's Status
export { humanDuration };

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

/** How long ago a Unix time (seconds) was, as docker's CREATED column prints it. */
export function timeAgo(unixSeconds: number, nowMs: number = Date.now()): string {
  return humanDuration(nowMs - unixSeconds * 1000) + ' ago';
}
