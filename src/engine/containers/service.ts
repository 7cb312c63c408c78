// ContainerService: the containers' use cases, over the container store,
// the images and the layer store. Each method is one use case; the work
// lives in the file named after it.
import { mkdir, readdir, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { errorMessage, log } from '../../common/index.js';
import type { ContainerImage, ImageService } from '../../images/index.js';
import type { VolumeService } from '../volumes/index.js';
import type { NetworkRecord, Networking } from '../../network/index.js';
import { connectNetwork, disconnectNetwork } from './network-connect.js';
import type {
  ContainerChange,
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerPathStat,
  ContainerPruneResponse,
  ContainerStatsResponse,
  ContainerSummary,
  ContainerTopResponse,
  ContainerUpdateRequest,
  ContainerUpdateResponse,
  EndpointSettings,
  ExecCreateRequest,
  ExecInspectResponse,
  Filters,
} from '../../spec/index.js';
import type { Database, LayerStore } from '../../storage/index.js';
import { ContainerStore, isLive } from './container-store.js';
import type { ContainerContext } from './context.js';
import { createContainer } from './create.js';
import { ContainerLayout } from './layout.js';
import { ContainerRootfs } from './rootfs.js';
import { ContainerRunner, type RunnerOptions } from './runner.js';
import { containerSizes, listContainers, listContainersJson, type ListOptions } from './list.js';
import { pruneContainers, removeContainer, type RemoveOptions } from './remove.js';
import { containerInspect } from './views.js';
import { attachContainer, type AttachOptions, type AttachedStreams } from './attach.js';
import { containerLogs, type LogsOptions } from './logs.js';
import { ExecManager, type ExecStartOptions, type ExecStreams } from './exec.js';
import { HealthMonitor } from './health.js';
import { archivePath, exportContainer, extractToDir, statPath, type ExtractOptions } from './archive.js';
import { overlayChanges } from './changes.js';
import { commitContainer, type CommitOptions } from './commit.js';
import type { LogEntry } from '../../runtime/index.js';
import type { EventBus } from '../events.js';
import { containerEvent } from './events.js';
import { renameContainer } from './rename.js';
import { containerStats, type StatsOptions } from './stats.js';
import { containerTop } from './top.js';
import { updateContainer } from './update.js';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export interface ContainerServiceOptions {
  db: Database;
  images: ImageService;
  volumes: VolumeService;
  networks: Networking;
  layers: LayerStore;
  /** <data-root>/containers */
  root: string;
  /** <exec-root>/containers: the bundles of running containers. */
  runRoot: string;
  run: RunnerOptions;
  runtimes: { default: string; known: readonly string[] };
  ncpu: number;
  events: EventBus;
}

export interface ContainerCounts {
  total: number;
  running: number;
  paused: number;
  stopped: number;
}

export class ContainerService {
  private readonly ctx: ContainerContext;
  private readonly execs: ExecManager;
  private readonly health: HealthMonitor;

  constructor(opts: ContainerServiceOptions) {
    const layout = new ContainerLayout(opts.root, opts.runRoot);
    const ctx: Omit<ContainerContext, 'runner'> & { runner?: ContainerRunner } = {
      store: new ContainerStore(opts.db),
      images: opts.images,
      volumes: opts.volumes,
      networks: opts.networks,
      layers: opts.layers,
      layout,
      rootfs: new ContainerRootfs(opts.layers, layout),
      runtimes: opts.runtimes,
      ncpu: opts.ncpu,
      events: opts.events,
    };
    // The runner works on the same context it is part of.
    ctx.runner = new ContainerRunner(ctx as ContainerContext, opts.run);
    this.ctx = ctx as ContainerContext;
    this.execs = new ExecManager(this.ctx, opts.run);
    // Before init's recovery, which announces the containers still running.
    this.health = new HealthMonitor(this.ctx, this.execs);
    this.ctx.runner.events.on('auto-remove', (id: string) => {
      this.remove(id, { volumes: true }).catch((err) => log.warn('auto-remove failed', { id, error: errorMessage(err) }));
    });
  }

  /** The container's own layer (overlayfs upper directory): what a build step diffs. */
  upperDir(ref: string): string {
    return this.ctx.layout.upper(this.ctx.store.resolve(ref).id);
  }

  /** Makes the containers directory and removes directories left without a row (a crash during create or rm). */
  async init(): Promise<void> {
    await mkdir(this.ctx.layout.root, { recursive: true, mode: 0o710 });
    await mkdir(this.ctx.layout.runRoot, { recursive: true, mode: 0o700 });
    const ids = this.ctx.store.ids();
    for (const name of await readdir(this.ctx.layout.root)) {
      if (!ids.has(name)) await rm(this.ctx.layout.dir(name), { recursive: true, force: true });
    }
    // Before recovery: it detaches the containers found gone and restarts others, which attaches them.
    await this.ctx.networks.init((id) => {
      const c = this.ctx.store.get(id);
      return c !== undefined && isLive(c.state.status);
    });
    await this.ctx.runner.recover();
  }

  get runner(): ContainerRunner {
    return this.ctx.runner;
  }

  close(): void {
    this.ctx.runner.close();
    this.health.close();
    this.execs.close();
  }

  async create(req: ContainerCreateRequest, name = '', image?: ContainerImage): Promise<ContainerCreateResponse> {
    const created = await createContainer(this.ctx, req, name, image);
    containerEvent(this.ctx, this.ctx.store.resolve(created.Id), 'create');
    return created;
  }

  list(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    return listContainers(this.ctx, opts);
  }

  /** The list without sizes, as JSON text (GET /containers/json's hot path). */
  listJson(opts: Omit<ListOptions, 'size'> = {}): string {
    return listContainersJson(this.ctx, opts);
  }

  async inspect(ref: string, opts: { size?: boolean } = {}): Promise<ContainerInspect> {
    const c = this.ctx.store.resolve(ref);
    const lower = [...c.settings.Layers].reverse().map((chainId) => this.ctx.layers.diffPath(chainId));
    const sizes = opts.size ? await containerSizes(this.ctx, c) : undefined;
    return { ...containerInspect(c, this.ctx.layout, lower, { volumePath: (name) => this.ctx.volumes.mountpoint(name), networks: this.ctx.networks }, sizes), ExecIDs: this.execs.liveIds(c.id) };
  }

  remove(ref: string, opts: RemoveOptions = {}): Promise<void> {
    return removeContainer(this.ctx, ref, opts);
  }

  prune(filters: Filters = {}): Promise<ContainerPruneResponse> {
    return pruneContainers(this.ctx, filters);
  }

  start(ref: string): Promise<boolean> {
    return this.ctx.runner.start(ref);
  }

  stop(ref: string, opts: { signal?: string; timeout?: number } = {}): Promise<boolean> {
    return this.ctx.runner.stop(ref, opts);
  }

  async restart(ref: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    await this.ctx.runner.stop(ref, opts);
    await this.ctx.runner.start(ref);
    containerEvent(this.ctx, this.ctx.store.resolve(ref), 'restart');
  }

  pause(ref: string): Promise<void> {
    return this.ctx.runner.pause(ref);
  }

  unpause(ref: string): Promise<void> {
    return this.ctx.runner.unpause(ref);
  }

  rename(ref: string, name: string): void {
    renameContainer(this.ctx, ref, name);
  }

  update(ref: string, req: ContainerUpdateRequest): Promise<ContainerUpdateResponse> {
    return updateContainer(this.ctx, ref, req);
  }

  top(ref: string, psArgs: string): Promise<ContainerTopResponse> {
    return containerTop(this.ctx, ref, psArgs);
  }

  stats(ref: string, opts: StatsOptions): AsyncGenerator<ContainerStatsResponse> {
    return containerStats(this.ctx, ref, opts);
  }

  kill(ref: string, signal?: string): Promise<void> {
    return this.ctx.runner.kill(ref, signal);
  }

  wait(ref: string, condition: WaitCondition, signal?: AbortSignal): Promise<number> {
    return this.ctx.runner.wait(ref, condition, signal);
  }

  resize(ref: string, height: number, width: number): Promise<void> {
    return this.ctx.runner.resize(ref, height, width);
  }

  attach(ref: string, opts: AttachOptions): Promise<AttachedStreams> {
    return attachContainer(this.ctx, ref, opts);
  }

  logs(ref: string, opts: LogsOptions): { tty: boolean; entries: AsyncGenerator<LogEntry> } {
    return containerLogs(this.ctx, ref, opts);
  }

  /** Creates an exec instance in a running container; its id. */
  createExec(ref: string, req: ExecCreateRequest): string {
    return this.execs.create(ref, req);
  }

  startExec(id: string, opts: ExecStartOptions): Promise<ExecStreams | undefined> {
    return this.execs.start(id, opts);
  }

  inspectExec(id: string): ExecInspectResponse {
    return this.execs.inspect(id);
  }

  resizeExec(id: string, height: number, width: number): Promise<void> {
    return this.execs.resize(id, height, width);
  }

  /** What the container changed in its root filesystem; null when nothing, as moby. */
  async changes(ref: string): Promise<ContainerChange[] | null> {
    const c = this.ctx.store.resolve(ref);
    const lower = [...c.settings.Layers].reverse().map((chainId) => this.ctx.layers.diffPath(chainId));
    const changes = await overlayChanges(this.ctx.layout.upper(c.id), lower);
    return changes.length === 0 ? null : changes;
  }

  statPath(ref: string, path: string): Promise<ContainerPathStat> {
    return statPath(this.ctx, ref, path);
  }

  archive(ref: string, path: string): Promise<{ stat: ContainerPathStat; tar: Readable }> {
    return archivePath(this.ctx, ref, path);
  }

  extract(ref: string, path: string, body: Readable, opts: ExtractOptions = {}): Promise<void> {
    return extractToDir(this.ctx, ref, path, body, opts);
  }

  export(ref: string): Promise<Readable> {
    return exportContainer(this.ctx, ref);
  }

  /** Returns the new image's id. */
  commit(ref: string, opts: CommitOptions = {}): Promise<string> {
    return commitContainer(this.ctx, ref, opts);
  }

  /** The containers using each image (for the image service). */
  imageUsers(): Map<string, { id: string; running: boolean }[]> {
    return this.ctx.store.imageUsers();
  }

  /** The containers using each named volume (for the volume service): volume mounts, and binds whose source is a name rather than a path. */
  volumeUsers(): Map<string, string[]> {
    const users = new Map<string, string[]>();
    for (const c of this.ctx.store.all()) {
      const names = new Set(c.settings.MountPoints.filter((m) => m.Type === 'volume').map((m) => m.Name));
      for (const name of names) users.set(name, [...(users.get(name) ?? []), c.id]);
    }
    return users;
  }

  /** Joins a container to a network (at once when it runs); its id. */
  connectNetwork(ref: string, n: NetworkRecord, settings: EndpointSettings | null): Promise<string> {
    return connectNetwork(this.ctx, ref, n, settings);
  }

  disconnectNetwork(ref: string, n: NetworkRecord, force: boolean): Promise<string> {
    return disconnectNetwork(this.ctx, ref, n, force);
  }

  /** The ids of the containers with an endpoint on a network, running or not. */
  onNetwork(n: NetworkRecord): string[] {
    return this.ctx.store
      .all()
      .filter((c) => Object.keys(c.settings.NetworkingConfig?.EndpointsConfig ?? {}).some((key) => key === n.name || key === n.id))
      .map((c) => c.id);
  }

  /** A container's name without its slash. */
  nameOf(id: string): string | undefined {
    return this.ctx.store.get(id)?.name.slice(1);
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
