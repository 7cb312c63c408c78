// An event-driven client for AF_UNIX SOCK_SEQPACKET sockets, which Node's
// net module cannot open (conmon's attach socket is one). Each 'message'
// event is exactly one datagram as the peer sent it; sends are whole
// messages too, queued while the socket is full. Reads stop while paused,
// so a slow consumer pushes back on the peer.
import { EventEmitter } from 'node:events';
import { closeSync } from 'node:fs';
import { SHUT_WR, UV_READABLE, UV_WRITABLE } from './constants.js';
import { fdWatch, fdWatchClose, fdWatchStart, recv, send, seqpacketConnect, shutdown, type FdWatcher } from './native.js';

/** The largest message received whole; longer ones are cut by the kernel. */
const maxMessage = 64 * 1024;
/** Messages read per readiness callback, so one busy socket cannot starve the loop. */
const readsPerTurn = 64;

export interface SeqpacketSocketEvents {
  message: [Buffer];
  /** The peer closed its side: no more messages. */
  end: [];
  /** The send queue is empty again after a send returned false. */
  drain: [];
  error: [Error];
  close: [];
}

export class SeqpacketSocket extends EventEmitter<SeqpacketSocketEvents> {
  private readonly fd: number;
  private readonly watcher: FdWatcher;
  private readonly queue: Buffer[] = [];
  private readonly buffer = Buffer.allocUnsafe(maxMessage);
  private paused = false;
  private ended = false;
  private closed = false;
  private endWriteWhenDrained = false;

  /** Connects to the socket at `path` (synchronous: a unix socket connects at once or fails). */
  static connect(path: string): SeqpacketSocket {
    return new SeqpacketSocket(seqpacketConnect(path));
  }

  private constructor(fd: number) {
    super();
    this.fd = fd;
    this.watcher = fdWatch(fd, (err, events) => this.onReady(err, events));
    // Start on the next turn, so the caller can add listeners first.
    process.nextTick(() => this.updateWatch());
  }

  /** Stops reading messages until resume(). */
  pause(): void {
    this.paused = true;
    this.updateWatch();
  }

  resume(): void {
    this.paused = false;
    this.updateWatch();
  }

  /**
   * Sends one message. Returns false when it had to be queued (wait for
   * 'drain' before sending more).
   */
  send(message: Buffer): boolean {
    if (this.closed || this.endWriteWhenDrained) throw new Error('the socket is closed for writing');
    if (this.queue.length === 0 && send(this.fd, message) >= 0) return true;
    this.queue.push(message);
    this.updateWatch();
    return false;
  }

  /** Closes the writing side once queued messages are sent (the peer reads end of stream). */
  endWrite(): void {
    if (this.closed || this.endWriteWhenDrained) return;
    this.endWriteWhenDrained = true;
    if (this.queue.length === 0) this.shutdownWrite();
  }

  /** Closes the socket at once, dropping queued messages. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    fdWatchClose(this.watcher);
    closeSync(this.fd);
    this.queue.length = 0;
    this.emit('close');
  }

  private shutdownWrite(): void {
    try {
      shutdown(this.fd, SHUT_WR);
    } catch (err) {
      // The peer may be gone already; reading reports the end.
      if ((err as NodeJS.ErrnoException).code !== 'ENOTCONN') this.fail(err as Error);
    }
  }

  private updateWatch(): void {
    if (this.closed) return;
    const events = (this.paused || this.ended ? 0 : UV_READABLE) | (this.queue.length > 0 ? UV_WRITABLE : 0);
    fdWatchStart(this.watcher, events);
  }

  private onReady(err: string | null, events: number): void {
    if (this.closed) return;
    if (err !== null) {
      this.fail(Object.assign(new Error(`${err}: seqpacket socket poll failed`), { code: err }));
      return;
    }
    try {
      if (events & UV_WRITABLE) this.flush();
      if (events & UV_READABLE) this.readSome();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private flush(): void {
    while (this.queue.length > 0) {
      if (send(this.fd, this.queue[0]!) < 0) return;
      this.queue.shift();
    }
    this.updateWatch();
    if (this.endWriteWhenDrained) this.shutdownWrite();
    else this.emit('drain');
  }

  private readSome(): void {
    for (let i = 0; i < readsPerTurn && !this.paused && !this.closed; i++) {
      const n = recv(this.fd, this.buffer);
      if (n < 0) return;
      if (n === 0) {
        this.ended = true;
        this.updateWatch();
        this.emit('end');
        return;
      }
      this.emit('message', Buffer.from(this.buffer.subarray(0, n)));
    }
  }

  private fail(err: Error): void {
    this.emit('error', err);
    this.close();
  }
}
