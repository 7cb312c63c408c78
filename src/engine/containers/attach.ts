// Attaching to a container's stdio (docker attach, docker run): output as
// tagged chunks, optionally after the log so far, and stdin, through
// conmon's attach socket. Attaching to a container that is not running yet
// connects when it starts, so docker run misses no output.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { readLogs, type Attachment } from '../../runtime/index.js';
import type { ContainerContext } from './context.js';

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Stream live output (else only the log so far, with `logs`). */
  stream: boolean;
  /** Replay the log first. */
  logs: boolean;
}

/** 1 stdout, 2 stderr: the stream numbers of Docker's multiplexed framing. */
export interface OutputChunk {
  stream: 1 | 2;
  data: Buffer;
}

export interface AttachedStreams {
  tty: boolean;
  /** OutputChunk objects; ends when the container's output does (or the replay, without `stream`). */
  output: Readable;
  /** To the container's stdin, when asked for and the container keeps it open. */
  stdin: Writable | undefined;
  /** Detaches (the container runs on). */
  close(): void;
}

const newline = Buffer.from('\n');

export async function attachContainer(ctx: ContainerContext, ref: string, opts: AttachOptions): Promise<AttachedStreams> {
  const c = ctx.store.resolve(ref);
  const { Tty: tty, OpenStdin: openStdin, StdinOnce: stdinOnce } = c.settings.Config;
  const output = new PassThrough({ objectMode: true });
  const wanted = (stream: 1 | 2): boolean => (stream === 1 ? opts.stdout : opts.stderr);
  if (opts.logs) {
    for await (const entry of readLogs(ctx.layout.log(c.id))) {
      const stream = entry.stream === 'stdout' ? 1 : 2;
      if (wanted(stream)) output.write({ stream, data: entry.partial ? entry.text : Buffer.concat([entry.text, newline]) } satisfies OutputChunk);
    }
  }
  if (!opts.stream) {
    output.end();
    return { tty, output, stdin: undefined, close: () => output.destroy() };
  }
  const stdin = opts.stdin && openStdin ? new PassThrough() : undefined;
  let attachment: Attachment | undefined;
  let closed = false;
  const withdraw = await ctx.runner.attach(c.id, async (open) => {
    if (closed) return;
    const a = await open();
    attachment = a;
    forwardOutput(a, output, wanted, () => output.end());
    // Without StdinOnce the container's stdin stays open after this client goes.
    stdin?.pipe(a.stdin, { end: stdinOnce });
  });
  return {
    tty,
    output,
    stdin,
    close() {
      closed = true;
      withdraw();
      attachment?.close();
      output.end();
    },
  };
}

/** Writes an attachment's output to `output` as OutputChunk objects (the wanted streams only); `onEnd` runs once both streams ended. */
export function forwardOutput(a: Attachment, output: Writable, wanted: (stream: 1 | 2) => boolean, onEnd: () => void): void {
  let ended = 0;
  const onSourceEnd = () => {
    if (++ended === 2) onEnd();
  };
  for (const [source, stream] of [[a.stdout, 1], [a.stderr, 2]] as const) {
    source.on('data', (data: Buffer) => {
      if (!wanted(stream)) return;
      if (!output.write({ stream, data } satisfies OutputChunk)) {
        source.pause();
        output.once('drain', () => source.resume());
      }
    });
    source.once('end', onSourceEnd);
    source.once('error', onSourceEnd);
  }
}
