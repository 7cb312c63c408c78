// Async exclusion for the short phases that change what the store holds
// (commit + insert, delete, garbage collection), and a counting limiter for
// CPU-heavy work such as layer extraction.

/** At most `slots` holders at a time; the others wait in order. */
export class Semaphore {
  private readonly waiting: (() => void)[] = [];
  private free: number;

  constructor(slots: number) {
    this.free = slots;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** A semaphore of one. */
export class Mutex extends Semaphore {
  constructor() {
    super(1);
  }
}

/**
 * Runs task on each item, at most `limit` at once, in order. After a failure
 * no new task starts; it resolves (or throws the first error) only when
 * every started task has settled, so nothing runs on after the caller's
 * clean-up.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.reason;
}
