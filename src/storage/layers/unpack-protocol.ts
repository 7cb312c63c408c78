// Messages between unpack-job.ts (main thread) and unpack-worker.ts.
import type { CopyOptions } from './layer-writer.js';

/** Main thread to worker. */
export type JobMessage =
  /** `copy`: extract into an existing directory (docker cp) rather than a layer. */
  | { type: 'start'; root: string; maxEntrySize: number; copy?: CopyOptions }
  /** Tar bytes: the first `length` bytes of `data` (transferred, not copied). */
  | { type: 'chunk'; data: ArrayBuffer; length: number }
  | { type: 'end' };

/** Worker to main thread. */
export type WorkerMessage =
  /** One chunk was applied; the main thread may send another. */
  | { type: 'ack' }
  | { type: 'done'; size: number }
  /** 'invalid': the archive is bad or hostile; 'system': the machine failed (disk full...). */
  | { type: 'error'; kind: 'invalid' | 'system'; message: string };
