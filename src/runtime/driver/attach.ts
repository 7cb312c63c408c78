// conmon's attach protocol over its SOCK_SEQPACKET socket: each message
// from conmon is one chunk of output whose first byte names the stream
// (conmon's stdpipe_t: 2 stdout, 3 stderr, as Podman's AttachPipeStdout
// and AttachPipeStderr; a TTY's output comes as stdout); what we send goes
// to the container's stdin, and closing our side closes its stdin (unless
// conmon runs with --leave-stdin-open). Output written before attaching is
// only in the log.
import { open } from 'node:fs/promises';
import { closeSync, constants, openSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { InvalidArgument } from '../../common/index.js';
import { SeqpacketSocket } from '../../sys/index.js';

export interface Attachment {
  stdout: Readable;
  stderr: Readable;
  /** Ending it closes the container's stdin. */
  stdin: Writable;
  /** Detaches at once (the container runs on). */
  close(): void;
}

const stdoutId = 2;
const stderrId = 3;
// conmon reads stdin messages into a 32 KiB buffer; stay well below.
const maxStdinMessage = 16 * 1024;

export function attachSocket(path: string): Attachment {
  const socket = connectInDir(path);
  const wantMore = () => socket.resume();
  const stdout = new Readable({ read: wantMore });
  const stderr = new Readable({ read: wantMore });
  socket.on('message', (message) => {
    const target = message[0] === stderrId ? stderr : message[0] === stdoutId ? stdout : undefined;
    if (target !== undefined && !target.push(message.subarray(1))) socket.pause();
  });
  const endOutput = () => {
    stdout.push(null);
    stderr.push(null);
  };
  socket.on('end', endOutput);
  socket.on('error', (err) => {
    stdout.destroy(err);
    stderr.destroy(err);
    stdin.destroy(err);
  });
  const stdin = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      let sentAll = true;
      try {
        for (let off = 0; off < chunk.length; off += maxStdinMessage) {
          sentAll = socket.send(chunk.subarray(off, off + maxStdinMessage)) && sentAll;
        }
      } catch (err) {
        return callback(err as Error);
      }
      if (sentAll) callback();
      else socket.once('drain', () => callback());
    },
    final(callback) {
      socket.endWrite();
      callback();
    },
  });
  return {
    stdout,
    stderr,
    stdin,
    close() {
      socket.close();
      endOutput();
      stdin.destroy();
    },
  };
}

/**
 * Connects through /proc/self/fd/<fd of its directory>, as conmon binds it:
 * a socket path holds at most 107 bytes, which a state directory deep in a
 * temp root with 64-hex ids exceeds.
 */
function connectInDir(path: string): SeqpacketSocket {
  const dir = openSync(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    return SeqpacketSocket.connect(`/proc/self/fd/${dir}/${basename(path)}`);
  } finally {
    closeSync(dir);
  }
}

/**
 * Resizes a container's (or exec session's) TTY through conmon's control
 * fifo ("1 <height> <width>\n"; conmon accepts 0..1000).
 */
export async function resizeTerminal(ctlFifo: string, height: number, width: number): Promise<void> {
  for (const [name, value] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 1000) {
      throw new InvalidArgument(`invalid terminal ${name} ${value}: must be an integer from 0 to 1000`);
    }
  }
  // Non-blocking: a fifo nobody reads (conmon gone) fails with ENXIO instead of hanging.
  const fifo = await open(ctlFifo, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    await fifo.write(`1 ${height} ${width}\n`);
  } finally {
    await fifo.close();
  }
}
