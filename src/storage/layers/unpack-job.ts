// The main-thread side of one layer unpack: batches tar bytes, transfers
// them to a worker thread (unpack-worker.ts) and waits for its
// acknowledgements, so at most maxInFlight batches are queued (bounded
// memory) while decompression and hashing go on here. Workers are reused:
// starting one costs tens of milliseconds.
import { Worker } from 'node:worker_threads';
import { Internal, InvalidArgument } from '../../common/index.js';
import type { CopyOptions } from './layer-writer.js';
import type { JobMessage, WorkerMessage } from './unpack-protocol.js';

const batchSize = 256 * 1024;
const maxInFlight = 8;
const maxIdleWorkers = 2;
/** Heap of a worker: what it keeps per entry (paths, for sizes and links) is bounded by this, not by the daemon's memory. */
const workerHeapMb = 1024;
const idle: Worker[] = [];

function acquire(): Worker {
  for (let worker = idle.pop(); worker !== undefined; worker = idle.pop()) {
    if (worker.threadId !== -1) return worker; // -1: it has exited
  }
  const worker = new Worker(new URL('./unpack-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
  // A job reports the errors of its worker; an idle one has none to report, and must not crash the daemon.
  worker.on('error', () => undefined);
  return worker;
}

export class UnpackJob {
  private batch: Buffer | null = null;
  private used = 0;
  private inFlight = 0;
  private size: number | null = null;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private released = false;

  private readonly onMessage = (message: WorkerMessage): void => {
    if (message.type === 'ack') this.inFlight--;
    else if (message.type === 'done') this.size = message.size;
    else if (message.kind === 'invalid') this.failure = new InvalidArgument(`invalid ${this.what}: ${message.message}`);
    else this.failure = new Internal(`cannot unpack ${this.what}: ${message.message}`);
    this.notify();
  };

  private readonly onError = (err: Error): void => {
    this.failure ??=
      (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new InvalidArgument(`invalid ${this.what}: too many entries to unpack`, { cause: err })
        : new Internal(`${this.what} unpack worker failed`, { cause: err });
    this.notify();
  };

  private readonly onExit = (code: number): void => {
    this.failure ??= new Internal(`layer unpack worker exited with code ${code}`);
    this.notify();
  };

  private constructor(
    private readonly worker: Worker,
    /** What is unpacked, for messages. */
    private readonly what: 'layer' | 'archive',
  ) {
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    worker.ref();
  }

  /** Starts unpacking into root (an existing empty directory, or any directory for a copy). */
  static start(root: string, maxEntrySize: number, copy?: CopyOptions): UnpackJob {
    const job = new UnpackJob(acquire(), copy ? 'archive' : 'layer');
    job.post({ type: 'start', root, maxEntrySize, ...(copy ? { copy } : {}) });
    return job;
  }

  /** Queues tar bytes; resolves when the worker can take more. Copies chunk (the caller keeps it). */
  async write(chunk: Buffer): Promise<void> {
    for (let off = 0; off < chunk.length; ) {
      if (this.batch === null) {
        // Never pooled, so its whole ArrayBuffer can be transferred.
        this.batch = Buffer.allocUnsafeSlow(batchSize);
        this.used = 0;
      }
      const n = chunk.copy(this.batch, this.used, off);
      off += n;
      this.used += n;
      if (this.used === batchSize) await this.flush();
    }
  }

  /** Sends what is left and waits for the worker to finish; returns the layer size. */
  async end(): Promise<number> {
    await this.flush();
    this.post({ type: 'end' });
    while (this.size === null && this.failure === null) await this.wait();
    if (this.failure !== null) throw this.failure;
    this.release(false);
    return this.size!;
  }

  /** Stops the worker; once this resolves nothing more is written. */
  async abort(): Promise<void> {
    if (this.released) return;
    this.release(true);
    await this.worker.terminate();
  }

  private async flush(): Promise<void> {
    if (this.failure !== null) throw this.failure;
    const batch = this.batch;
    if (batch === null || this.used === 0) return;
    this.batch = null;
    const data = batch.buffer as ArrayBuffer;
    this.worker.postMessage({ type: 'chunk', data, length: this.used } satisfies JobMessage, [data]);
    this.inFlight++;
    while (this.inFlight >= maxInFlight && this.failure === null) await this.wait();
    if (this.failure !== null) throw this.failure;
  }

  private post(message: JobMessage): void {
    this.worker.postMessage(message);
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private release(terminating: boolean): void {
    this.released = true;
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    this.worker.unref();
    if (terminating) return;
    if (idle.length < maxIdleWorkers) idle.push(this.worker);
    else void this.worker.terminate();
  }
}
