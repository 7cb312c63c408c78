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
