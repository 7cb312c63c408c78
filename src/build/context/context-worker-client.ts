// The main-thread side of the context worker (context-worker.ts): one
// thread, started on first use and kept, since the file digest cache lives
// in it; jobs are answered by id, one after the other. While it has no job
// it does not keep the process alive.
import { Worker } from 'node:worker_threads';
import { Internal, InvalidArgument, NotFound } from '../../common/index.js';
import type { ContextJob, ContextReply, ErrorKind, JobResults } from './context-worker-protocol.js';

const errorClasses: Record<ErrorKind, typeof Internal> = { InvalidArgument, NotFound, Internal };

interface Pending {
  resolve(result: unknown): void;
  reject(err: Error): void;
}

class ContextWorker {
  private readonly worker = new Worker(new URL('./context-worker.js', import.meta.url));
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  failed = false;

  constructor() {
    this.worker.on('message', (reply: ContextReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`exited with code ${code}`)));
    this.worker.unref();
  }

  run<K extends ContextJob['kind']>(job: Extract<ContextJob, { kind: K }>): Promise<JobResults[K]> {
    const id = this.nextId++;
    this.worker.ref();
    this.worker.postMessage({ ...job, id });
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject }));
  }

  private settle(reply: ContextReply): void {
    const job = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) job?.reject(new errorClasses[reply.error.kind](reply.error.message));
    else job?.resolve(reply.result);
  }

  private fail(err: Error): void {
    this.failed = true;
    for (const job of this.pending.values()) job.reject(new Internal(`build context worker failed: ${err.message}`, { cause: err }));
    this.pending.clear();
  }
}

let current: ContextWorker | undefined;

/** Runs a job in the context worker, starting it (again, after a failure) if needed. */
export function runInWorker<K extends ContextJob['kind']>(job: Extract<ContextJob, { kind: K }>): Promise<JobResults[K]> {
  if (current === undefined || current.failed) current = new ContextWorker();
  return current.run(job);
}
