// Builds as the API serves them: the context a request sends is unpacked
// under the data root, built by the builder (RUN steps as the engine's own
// containers), and removed; the build cache is listed by /system/df and
// pruned by /build/prune.
import { mkdir, rm } from 'node:fs/promises';
import { errorMessage, log } from '../../common/index.js';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  BuildCache, Builder, ContextSessions, RootfsMounts, checkSyncRequest, contextFromTar,
  type BuildContext, type BuildOptions, type BuildOutput, type BuildProgress, type PruneFilter,
} from '../../build/index.js';
import { filterValues, parseTimestamp, validateFilters, type ImageService } from '../../images/index.js';
import type { BuildCacheRecord, BuildPruneResponse, ContextSyncResponse, Filters } from '../../spec/index.js';
import type { LayerStore } from '../../storage/index.js';
import type { ContainerService } from '../containers/index.js';
import { ContainerStepRunner } from './step-runner.js';

export interface BuildPruneOptions {
  /** Also records whose layers an image uses (`builder prune -a`). */
  all: boolean;
  /** `until` (a time or duration) is the one filter the build cache has. */
  filters: Filters;
  /** Keep this many bytes of the most recently used records. */
  keepBytes?: number;
}

export class BuildService {
  private readonly builder: Builder;
  private readonly sessions: ContextSessions;

  constructor(
    private readonly cache: BuildCache,
    private readonly images: ImageService,
    containers: ContainerService,
    layers: LayerStore,
    /** <data-root>/build */
    private readonly root: string,
  ) {
    this.sessions = new ContextSessions(join(root, 'kept'));
    this.builder = new Builder({
      cache,
      writer: () => images.writer(),
      runner: new ContainerStepRunner(containers),
      rootfs: new RootfsMounts(layers, join(root, 'tmp')),
      tempRoot: join(root, 'tmp'),
      cacheMountRoot: join(root, 'cache-mounts'),
    });
  }


  /** Removes what a build that was killed left in the temporary directories. */
  async init(): Promise<void> {
    await rm(join(this.root, 'tmp'), { recursive: true, force: true });
    await rm(join(this.root, 'contexts'), { recursive: true, force: true });
    await rm(join(this.root, 'kept'), { recursive: true, force: true });
    await mkdir(join(this.root, 'tmp'), { recursive: true, mode: 0o700 });
    await mkdir(join(this.root, 'contexts'), { recursive: true, mode: 0o700 });
  }

  /** POST /build/context: which files of a kept context the client must send. */
  syncContext(body: unknown): Promise<ContextSyncResponse> {
    return this.sessions.begin(checkSyncRequest(body));
  }

  /** POST /build?context-session=: the files a sync asked for, onto the kept context. */
  receiveSessionContext(session: string, tar: Readable, dockerfile: string | undefined): Promise<BuildContext> {
    return this.sessions.complete(session, tar, { ...(dockerfile !== undefined && { dockerfile }) });
  }

  /** Unpacks a POST /build body. */
  receiveContext(tar: Readable, dockerfile: string | undefined): Promise<BuildContext> {
    return contextFromTar(tar, { parent: join(this.root, 'contexts'), ...(dockerfile !== undefined && { dockerfile }) });
  }

  async build(context: BuildContext, options: BuildOptions, progress: BuildProgress, signal: AbortSignal): Promise<BuildOutput> {
    try {
      return await this.builder.build({ contextDir: context.dir, ...(context.digests !== undefined && { contextDigests: context.digests }), dockerfile: context.dockerfile, dockerfilePath: context.dockerfilePath }, options, progress, signal);
    } finally {
      // Not waited for: removing a large context would delay the answer; startup removes what a crash left.
      context.release().catch((err: unknown) => log.warn('removing a build context failed', { dir: context.dir, error: errorMessage(err) }));
    }
  }

  dataUsage(): BuildCacheRecord[] {
    return this.cache.usage(this.images.imageLayers());
  }

  async prune(opts: BuildPruneOptions): Promise<BuildPruneResponse> {
    validateFilters(opts.filters, ['until']);
    const until = filterValues(opts.filters, 'until')[0];
    const filter: PruneFilter = {
      ...(until !== undefined && { until: parseTimestamp(until) }),
      ...(opts.keepBytes !== undefined && { keepBytes: opts.keepBytes }),
    };
    const imageLayers = this.images.imageLayers();
    const pruned = this.cache.prune(filter, imageLayers, opts.all ? () => true : (r) => !r.Shared);
    await this.sessions.prune();
    await this.images.collectGarbage();
    return { CachesDeleted: pruned.length === 0 ? null : pruned.map((r) => r.ID), SpaceReclaimed: pruned.reduce((n, r) => n + r.Size, 0) };
  }
}
