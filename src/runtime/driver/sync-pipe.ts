// conmon's sync pipe (_OCI_SYNCPIPE, and _OCI_ATTACHPIPE for exec): JSON
// lines {"data": n} or {"data": -1, "message": "..."}. For a container, the
// one message is the container's pid, or -1 and the runtime's error; for an
// exec, the pid first, then the exit code.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { Internal } from '../../common/index.js';

export interface SyncMessage {
  data: number;
  message?: string;
}

const messageSchema = z.object({ data: z.number().int(), message: z.string().optional() });
const maxLine = 64 * 1024;

export function parseSyncMessage(line: string): SyncMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Internal(`conmon sent an unreadable message: ${line.slice(0, 200)}`, { cause: err });
  }
  const parsed = messageSchema.safeParse(value);
  if (!parsed.success) throw new Internal(`conmon sent an unexpected message: ${line.slice(0, 200)}`);
  return parsed.data;
}

/**
 * Reads the sync messages of a pipe one at a time, in order. next()
 * resolves with the next message, or undefined when the pipe closed first.
 */
export class SyncReader {
  private buffered = '';
  private readonly messages: SyncMessage[] = [];
  private waiting: { resolve(m: SyncMessage | undefined): void; reject(e: Error): void } | undefined;
  private ended = false;
  private failure: Error | undefined;

  constructor(private readonly stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.onData(chunk));
    stream.on('end', () => this.finish());
    stream.on('close', () => this.finish());
    stream.on('error', (err) => this.fail(err));
  }

  next(): Promise<SyncMessage | undefined> {
    const message = this.messages.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Stops reading (the other end stays open in conmon). */
  close(): void {
    this.stream.destroy();
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    if (this.buffered.length > maxLine) return this.fail(new Internal('conmon sent an overlong message'));
    let newline;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline).trim();
      this.buffered = this.buffered.slice(newline + 1);
      if (line === '') continue;
      try {
        this.deliver(parseSyncMessage(line));
      } catch (err) {
        return this.fail(err as Error);
      }
    }
  }

  private deliver(message: SyncMessage): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) waiting.resolve(message);
    else this.messages.push(message);
  }

  private finish(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(undefined);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(err);
    this.stream.destroy();
  }
}
