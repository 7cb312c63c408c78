// The terminal side of a hijacked connection (run, attach, start -a): the
// container's output to our stdout/stderr (split from Docker's frames, or
// raw with a TTY), our stdin to it (half-closing the connection at its end),
// a raw-mode terminal and size updates with a TTY. Resolves when the output ends.
import type { Duplex } from 'node:stream';
import { demultiplex } from '../client/index.js';
import type { Streams } from './cli-context.js';

export interface AttachIoOptions {
  /** The container has a TTY: output is raw, the local terminal goes raw. */
  tty: boolean;
  /** Send our stdin. */
  stdin: boolean;
  /** Tell the daemon the terminal's size (with a TTY), now and on SIGWINCH. */
  resize?: (height: number, width: number) => Promise<void>;
}

type TtyIn = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
type TtyOut = NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };

export async function streamAttached(streams: Streams, conn: Duplex, opts: AttachIoOptions): Promise<void> {
  const stdin = streams.stdin as TtyIn;
  const stdout = streams.stdout as TtyOut;
  const raw = opts.tty && opts.stdin && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode?.(true);
  const onResize = (): void => {
    if (stdout.rows && stdout.columns) opts.resize?.(stdout.rows, stdout.columns).catch(() => undefined);
  };
  if (opts.tty && opts.resize && stdout.isTTY) {
    onResize();
    process.on('SIGWINCH', onResize);
  }
  if (opts.stdin) {
    stdin.on('data', (chunk: Buffer) => conn.write(chunk));
    stdin.once('end', () => conn.end());
  }
  try {
    if (opts.tty) {
      await new Promise<void>((resolve, reject) => {
        conn.on('data', (chunk: Buffer) => stdout.write(chunk));
        conn.once('end', resolve);
        conn.once('close', resolve);
        conn.once('error', reject);
      });
    } else {
      await demultiplex(conn, streams.stdout, streams.stderr);
    }
  } finally {
    process.off('SIGWINCH', onResize);
    if (raw) stdin.setRawMode?.(false);
    // Stop reading stdin, so the process can exit.
    if (opts.stdin) stdin.pause();
    conn.destroy();
  }
}
