// A container's root filesystem: its image layers under its own upper
// directory, mounted with overlayfs at <container>/merged while something
// needs it (the running container, a copy, a diff, an export). Mounts are
// counted per container; a mount made by a previous daemon (a container
// that kept running) is adopted rather than stacked.
import { existsSync, readFileSync } from 'node:fs';
import type { LayerStore } from '../../storage/index.js';
import { umount2 } from '../../sys/index.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerLayout } from './layout.js';

export class ContainerRootfs {
  private readonly users = new Map<string, number>();

  constructor(
    private readonly layers: LayerStore,
    private readonly layout: ContainerLayout,
  ) {}

  /** Mounts the container's root (or counts one more user of it) and returns its path. */
  async acquire(c: Pick<ContainerRecord, 'id' | 'settings'>): Promise<string> {
    const target = this.layout.merged(c.id);
    const users = this.users.get(c.id) ?? 0;
    if (users === 0 && !isMountPoint(target)) {
      // Containers made before init layers existed have none.
      const init = existsSync(this.layout.init(c.id)) ? this.layout.init(c.id) : undefined;
      await this.layers.mount(c.settings.Layers, target, { upper: this.layout.upper(c.id), work: this.layout.work(c.id) }, init);
    }
    this.users.set(c.id, users + 1);
    return target;
  }

  /** One user fewer; the last one unmounts. */
  release(id: string): void {
    const users = (this.users.get(id) ?? 1) - 1;
    if (users > 0) {
      this.users.set(id, users);
      return;
    }
    this.users.delete(id);
    unmountIfMounted(this.layout.merged(id));
  }

  /** Runs fn with the container's root mounted. */
  async with<T>(c: Pick<ContainerRecord, 'id' | 'settings'>, fn: (root: string) => Promise<T>): Promise<T> {
    const root = await this.acquire(c);
    try {
      return await fn(root);
    } finally {
      this.release(c.id);
    }
  }
}

/** Whether path is a mount point (listed in this process's mountinfo). */
export function isMountPoint(path: string): boolean {
  const escaped = path.replace(/[ \t\n\\]/g, (ch) => `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === escaped);
}

export function unmountIfMounted(path: string): void {
  if (isMountPoint(path)) umount2(path);
}
