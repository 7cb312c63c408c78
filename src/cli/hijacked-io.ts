// The terminal side of a hijacked connection (exec, and run/attach), as
// docker's hijackedIOStreamer and MonitorTtySize do it: the output to
// stdout (and stderr, demultiplexed, without a TTY); stdin to the
// connection when asked for, its end half-closing the connection; with a
// TTY on a terminal, stdin in raw mode and the terminal's size sent at
// start and on every change. Resolves when the output ends.
import type { Duplex } from 'node:stream';
import type { ReadStream, WriteStream } from 'node:tty';
import { demultiplex } from '../client/index.js';
import { errorMessage } from '../common/index.js';
import type { Streams } from './cli-context.js';
import { defaultDetachKeys, escapeProxy, parseDetachKeys } from './detach-keys.js';

export interface HijackedIoOptions {
  /** The remote side has a TTY: its output comes raw, not in frames. */
  tty: boolean;
  /** Send stdin (docker's -i). */
  stdin: boolean;
  /** Resizes the remote TTY (used with `tty` when stdin is a terminal). */
  resize?: (height: number, width: number) => Promise<void>;
  /** The key sequence that detaches (with a TTY), as --detach-keys takes it; ctrl-p,ctrl-q by default. */
  detachKeys?: string;
}

type TerminalOutput = NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY' | 'rows' | 'columns'>>;

/** Resolves when the output ends: true when the user detached (the remote side runs on). */
export async function streamHijacked(socket: Duplex, streams: Streams, opts: HijackedIoOptions): Promise<boolean> {
  const input = streams.stdin as NodeJS.ReadableStream & Partial<Pick<ReadStream, 'isTTY' | 'setRawMode'>>;
  const output = streams.stdout as TerminalOutput;
  const terminal = opts.tty && input.isTTY === true;
  const raw = terminal && opts.stdin && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  const stopResizing = terminal && opts.resize ? monitorSize(output, opts.resize, streams.stderr) : () => undefined;
  // With a TTY, the detach sequence ends the session and leaves the container running, as docker's escape proxy does.
  const escape = opts.tty && opts.stdin ? escapeProxy(parseDetachKeys(opts.detachKeys || defaultDetachKeys)) : undefined;
  let detached = false;
  if (opts.stdin) {
    input.on('data', (chunk: Buffer) => {
      if (escape === undefined) {
        socket.write(chunk);
        return;
      }
      const { send, detach } = escape(chunk);
      if (send.length > 0) socket.write(send);
      if (detach) {
        detached = true;
        socket.destroy();
      }
    });
    input.once('end', () => socket.end());
  }
  try {
    if (opts.tty) {
      socket.pipe(output, { end: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('end', resolve);
        socket.once('close', resolve);
        socket.once('error', reject);
      });
    } else {
      await demultiplex(socket, output, streams.stderr);
    }
  } finally {
    stopResizing();
    if (raw) input.setRawMode!(false);
    // The remote side is done: stop reading stdin, so the process can exit.
    if (opts.stdin) input.pause();
    socket.destroy();
  }
  return detached;
}

/** Sends the terminal's size now and at every change (SIGWINCH, which Node turns into 'resize'); returns what stops it. */
function monitorSize(output: TerminalOutput, resize: (height: number, width: number) => Promise<void>, stderr: NodeJS.WritableStream): () => void {
  const send = (): void => {
    const { rows = 0, columns = 0 } = output;
    if (rows > 0 && columns > 0) resize(rows, columns).catch((err: unknown) => stderr.write(`Error monitoring TTY size: ${errorMessage(err)}\n`));
  };
  send();
  output.on('resize', send);
  return () => output.off('resize', send);
}
