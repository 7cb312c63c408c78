// ContainerService: the containers' use cases, over the container store,
// the images and the layer store. Each method is one use case; the work
// lives in the file named after it.
import { mkdir, readdir, rm } from 'node:fs/promises';
import type { ImageService } from '../../images/index.js';
import type { ContainerCreateRequest, ContainerCreateResponse, ContainerInspect, ContainerPruneResponse, ContainerSummary, Filters } from '../../spec/index.js';
import type { Database, LayerStore } from '../../storage/index.js';
import { ContainerStore } from './container-store.js';
import type { ContainerContext } from './context.js';
import { createContainer } from './create.js';
import { ContainerLayout } from './layout.js';
import { ContainerRootfs } from './rootfs.js';
import { containerSizes, listContainers, type ListOptions } from './list.js';
import { pruneContainers, removeContainer, type RemoveOptions } from './remove.js';
import { containerInspect } from './views.js';

export interface ContainerServiceOptions {
  db: Database;
  images: ImageService;
  layers: LayerStore;
  /** <data-root>/containers */
  root: string;
  runtimes: { default: string; known: readonly string[] };
  ncpu: number;
}

export interface ContainerCounts {
  total: number;
  running: number;
  paused: number;
  stopped: number;
}

export class ContainerService {
  private readonly ctx: ContainerContext;

  constructor(opts: ContainerServiceOptions) {
    const layout = new ContainerLayout(opts.root);
    this.ctx = {
      store: new ContainerStore(opts.db),
      images: opts.images,
      layers: opts.layers,
      layout,
      rootfs: new ContainerRootfs(opts.layers, layout),
      runtimes: opts.runtimes,
      ncpu: opts.ncpu,
    };
  }

  /** Makes the containers directory and removes directories left without a row (a crash during create or rm). */
  async init(): Promise<void> {
    await mkdir(this.ctx.layout.root, { recursive: true, mode: 0o710 });
    const ids = this.ctx.store.ids();
    for (const name of await readdir(this.ctx.layout.root)) {
      if (!ids.has(name)) await rm(this.ctx.layout.dir(name), { recursive: true, force: true });
    }
  }

  create(req: ContainerCreateRequest, name = ''): Promise<ContainerCreateResponse> {
    return createContainer(this.ctx, req, name);
  }

  list(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    return listContainers(this.ctx, opts);
  }

  async inspect(ref: string, opts: { size?: boolean } = {}): Promise<ContainerInspect> {
    const c = this.ctx.store.resolve(ref);
    const lower = [...c.settings.Layers].reverse().map((chainId) => this.ctx.layers.diffPath(chainId));
    const sizes = opts.size ? await containerSizes(this.ctx, c) : undefined;
    return containerInspect(c, this.ctx.layout, lower, sizes);
  }

  remove(ref: string, opts: RemoveOptions = {}): Promise<void> {
    return removeContainer(this.ctx, ref, opts);
  }

  prune(filters: Filters = {}): Promise<ContainerPruneResponse> {
    return pruneContainers(this.ctx, filters);
  }

  /** The containers using each image (for the image service). */
  imageUsers(): Map<string, { id: string; running: boolean }[]> {
    return this.ctx.store.imageUsers();
  }

  /** The containers using each named volume (for the volume service): volume mounts, and binds whose source is a name rather than a path. */
  volumeUsers(): Map<string, string[]> {
    const users = new Map<string, string[]>();
    for (const c of this.ctx.store.all()) {
      const { Mounts, Binds } = c.settings.HostConfig;
      const names = new Set<string>();
      for (const m of Mounts ?? []) if (m.Type === 'volume' && m.Source) names.add(m.Source);
      for (const bind of Binds ?? []) {
        const source = bind.split(':')[0] ?? '';
        if (source !== '' && !source.startsWith('/') && bind.includes(':')) names.add(source);
      }
      for (const name of names) users.set(name, [...(users.get(name) ?? []), c.id]);
    }
    return users;
  }

  counts(): ContainerCounts {
    const counts = { total: 0, running: 0, paused: 0, stopped: 0 };
    for (const c of this.ctx.store.all()) {
      counts.total++;
      if (c.state.status === 'paused') counts.paused++;
      else if (c.state.status === 'running' || c.state.status === 'restarting') counts.running++;
      else counts.stopped++;
    }
    return counts;
  }
}
