// A step's view of the root filesystem it builds on, without a container:
// the layer chain mounted read-only (overlayfs) in a private directory for
// as long as the step reads it (dest checks, --chown names, COPY --from).
import { mkdtemp, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Digest } from '../common/index.js';
import type { LayerStore } from '../storage/index.js';

export class RootfsMounts {
  constructor(
    private readonly layers: LayerStore,
    /** A directory on the data root's file system for the mount points. */
    private readonly dir: string,
  ) {}

  /** Runs fn with the chain mounted read-only at a path it gets; an empty chain is an empty directory. */
  async with<T>(chain: readonly Digest[], fn: (root: string) => Promise<T>): Promise<T> {
    const target = await mkdtemp(join(this.dir, 'rootfs-'));
    let unmount: (() => Promise<void>) | undefined;
    try {
      if (chain.length > 0) unmount = await this.layers.mount([...chain], target);
      return await fn(target);
    } finally {
      await unmount?.();
      await rmdir(target);
    }
  }
}
