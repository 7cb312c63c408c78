// Waits for exit files in conmon's exit directory. One fs.watch (inotify)
// on the directory serves every waiter and runs only while someone waits;
// each waiter also polls with backoff, which covers a missed event and
// notices a monitor that died without writing the file.
import { watch, type FSWatcher } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Internal } from '../../common/index.js';

interface Waiter {
  check(): void;
  /** Ends the wait with an error (the watcher closes). */
  cancel(err: Error): void;
}

const firstPollMs = 100;
const maxPollMs = 2000;

export class ExitWatcher {
  private watcher: FSWatcher | undefined;
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(private readonly dir: string) {}

  /**
   * Resolves with the exit code conmon writes for `id`. `monitorAlive` says
   * whether conmon still runs; when it does not and no file appeared, the
   * wait fails (the code is lost).
   */
  wait(id: string, monitorAlive: () => boolean, signal?: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      let delay = firstPollMs;
      let timer: NodeJS.Timeout | undefined;
      let checking = false;
      let again = false;
      const done = (err: Error | undefined, code?: number) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.remove(id, waiter);
        if (err) reject(err);
        else resolve(code!);
      };
      const onAbort = () => done(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'));
      const waiter: Waiter = {
        cancel: (err) => done(err),
        check: () => {
          if (checking) {
            again = true;
            return;
          }
          checking = true;
          // Liveness first: a monitor that writes the file and exits in between is not taken for a dead one.
          const alive = monitorAlive();
          readExitCode(join(this.dir, id)).then(
            (code) => {
              checking = false;
              if (code !== undefined) done(undefined, code);
              else if (!alive) done(new Internal(`container ${id}: conmon exited without recording an exit code`));
              else if (again) {
                again = false;
                waiter.check();
              }
            },
            (err: Error) => done(err),
          );
        },
      };
      const poll = () => {
        waiter.check();
        delay = Math.min(delay * 2, maxPollMs);
        timer = setTimeout(poll, delay);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.add(id, waiter);
      poll();
    });
  }

  /** Stops watching; pending waits fail (and their polling stops). */
  close(): void {
    const waiters = [...this.waiters.values()].flatMap((set) => [...set]);
    this.waiters.clear();
    this.watcher?.close();
    this.watcher = undefined;
    for (const waiter of waiters) waiter.cancel(new Internal('the exit watcher was closed'));
  }

  private add(id: string, waiter: Waiter): void {
    let set = this.waiters.get(id);
    if (set === undefined) this.waiters.set(id, (set = new Set()));
    set.add(waiter);
    this.watcher ??= watch(this.dir, (_event, name) => {
      if (name !== null) this.waiters.get(name.toString())?.forEach((w) => w.check());
    });
  }

  private remove(id: string, waiter: Waiter): void {
    const set = this.waiters.get(id);
    set?.delete(waiter);
    if (set?.size === 0) this.waiters.delete(id);
    if (this.waiters.size === 0) this.close();
  }
}

/** The exit code in an exit file, or undefined when there is none (yet). */
export async function readExitCode(path: string): Promise<number | undefined> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(32), 0, 32, 0);
      text = buffer.toString('utf8', 0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const code = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(code)) throw new Internal(`unreadable exit file ${path}: ${JSON.stringify(text.slice(0, 20))}`);
  return code;
}
