// conmon's k8s-file log format: one line per chunk of output,
//   <RFC3339Nano time> <stdout|stderr> <F|P> <text>
// where P marks a partial line continued by the next entry of the stream
// and F a full line (its newline is not in the text).

export type LogStream = 'stdout' | 'stderr';

export interface LogEntry {
  /** Nanoseconds since the epoch. */
  time: bigint;
  /** The time as conmon wrote it. */
  timestamp: string;
  stream: LogStream;
  /** True when the line goes on in the next entry (no newline yet). */
  partial: boolean;
  text: Buffer;
}

const header = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) (stdout|stderr) ([FP]) /;

/** Parses one log line (without its newline); undefined if it is not one. */
export function parseLogLine(line: Buffer): LogEntry | undefined {
  // The header is ASCII and short; decode only that much.
  const head = line.toString('latin1', 0, Math.min(line.length, 64));
  const m = header.exec(head);
  if (m === null) return undefined;
  const [whole, seconds, fraction = '', zone, stream, tag] = m;
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  const time = BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
  return {
    time,
    timestamp: head.slice(0, whole!.length - stream!.length - 4),
    stream: stream as LogStream,
    partial: tag === 'P',
    text: line.subarray(whole!.length),
  };
}

/** Time in Docker's `--since`/`--until` forms: a Date, or seconds (with a fraction) since the epoch. */
export function toNanos(time: Date | number | bigint): bigint {
  if (typeof time === 'bigint') return time;
  if (time instanceof Date) return BigInt(time.getTime()) * 1_000_000n;
  return BigInt(Math.round(time * 1e6)) * 1000n;
}
