// Reads a conmon k8s-file log as parsed entries, for `logs`: optionally
// only the last `tail` lines, entries in a time window, and, following,
// entries as they are written until the caller stops or `stop` settles
// (e.g. the container's exit), after which what is left is read.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { watch } from 'node:fs';
import { parseLogLine, toNanos, type LogEntry } from './k8s-log.js';

export interface ReadLogsOptions {
  /** Only entries at or after this time (Date, or seconds since the epoch, or nanoseconds as bigint). */
  since?: Date | number | bigint;
  /** Only entries before this time. */
  until?: Date | number | bigint;
  /** Only the last N lines (before following). */
  tail?: number;
  /** Keep reading what is appended. */
  follow?: boolean;
  /** Following ends once this settles and the file is read to its end. */
  stop?: Promise<unknown>;
  signal?: AbortSignal;
}

const chunkSize = 64 * 1024;
// A line longer than this is cut (conmon writes at most 8 KiB of output per line).
const maxLine = 1024 * 1024;
const pollMs = 250;

export async function* readLogs(path: string, options: ReadLogsOptions = {}): AsyncGenerator<LogEntry> {
  const since = options.since === undefined ? undefined : toNanos(options.since);
  const until = options.until === undefined ? undefined : toNanos(options.until);
  const keep = (e: LogEntry) => (since === undefined || e.time >= since) && (until === undefined || e.time < until);
  const { signal } = options;
  let following = options.follow === true;
  let stopRequested = false;
  let wake: (() => void) | undefined;
  const onStop = () => {
    stopRequested = true;
    wake?.();
  };
  options.stop?.then(onStop, onStop);
  signal?.addEventListener('abort', onStop, { once: true });
  let file: FileHandle | undefined = await openIfExists(path);
  let position = file !== undefined && options.tail !== undefined ? await tailOffset(file, options.tail) : 0;
  let ino = file === undefined ? undefined : (await file.stat()).ino;
  let rest: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      if (file !== undefined) {
        for (;;) {
          const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(chunkSize), 0, chunkSize, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          const data = rest.length > 0 ? Buffer.concat([rest, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
          let start = 0;
          let newline;
          while ((newline = data.indexOf(10, start)) >= 0) {
            const entry = parseLogLine(data.subarray(start, newline));
            start = newline + 1;
            if (entry !== undefined && keep(entry)) yield entry;
          }
          rest = data.length - start > maxLine ? Buffer.alloc(0) : Buffer.from(data.subarray(start));
        }
      }
      if (!following || signal?.aborted) return;
      // A stop that came during the read above: read once more, then end.
      if (stopRequested) following = false;
      else await waitForChange(path, (w) => (wake = w));
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && (info.ino !== ino || info.size < position)) {
        // Created, or rotated (replaced) by conmon: start over on the new file.
        await file?.close();
        file = await openIfExists(path);
        ino = info.ino;
        position = 0;
        rest = Buffer.alloc(0);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onStop);
    await file?.close();
  }
}

async function openIfExists(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The offset of the start of the last `lines` lines, reading backwards from the end. */
async function tailOffset(file: FileHandle, lines: number): Promise<number> {
  const end = (await file.stat()).size;
  if (lines <= 0) return end;
  let offset = end;
  let newlines = 0;
  const buffer = Buffer.allocUnsafe(chunkSize);
  // A final newline ends the last line; it does not start a new one.
  let skipLast = true;
  while (offset > 0) {
    const length = Math.min(chunkSize, offset);
    offset -= length;
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buffer[i] !== 10) continue;
      if (skipLast && offset + i === end - 1) {
        skipLast = false;
        continue;
      }
      if (++newlines === lines) return offset + i + 1;
    }
    skipLast = false;
  }
  return 0;
}

/** Resolves when the file may have changed, or when woken (see readLogs). */
function waitForChange(path: string, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let watcher: ReturnType<typeof watch> | undefined;
    const finish = () => {
      clearTimeout(timer);
      watcher?.close();
      resolve();
    };
    setWake(finish);
    // inotify reports writes at once; the timer covers a file not there yet or replaced.
    const timer = setTimeout(finish, pollMs);
    try {
      watcher = watch(path, finish);
      watcher.on('error', finish);
    } catch {
      // no file yet: the timer polls
    }
  });
}
