// One instruction of a stage, in two phases. prepare (the instruction's
// module) expands what Docker expands, applies to the stage what is not
// part of its image (ARGs in scope), and says what the step's result
// depends on; the builder turns that into the cache key. On a cache miss,
// execute makes the result: the new runtime config, and a layer for the
// steps that change files.
import type { Readable } from 'node:stream';
import type { Digest } from '../../common/index.js';
import type { ImageWriter, StoredImage, StoredLayer } from '../../images/index.js';
import type { ContainerConfig } from '../../spec/index.js';
import type { EscapeChar } from '../../spec/dockerfile/index.js';
import type { SourcesDigest } from '../context/index.js';
import type { BuildOptions } from '../options.js';
import type { RootfsMounts } from '../rootfs.js';
import type { StageState } from '../stage-state.js';

/** The result of executing a step. */
export interface StepOutcome {
  config: ContainerConfig;
  /** MAINTAINER's. */
  author?: string;
  /** A layer on top of the stage's (an empty diff's included: the builder drops it). */
  layer?: StoredLayer;
}

export interface Step {
  /** What the result depends on besides the stage so far: the cache key's input (JSON, in a fixed order). */
  inputs: unknown;
  /** The history line; absent for ONBUILD, which writes none. */
  createdBy?: string;
  execute(): Promise<StepOutcome>;
}

/** A bind or tmpfs mount of a RUN container (RUN --mount). */
export interface RunStepMount {
  type: 'bind' | 'tmpfs';
  /** Host path (bind). */
  source?: string;
  target: string;
  readonly: boolean;
  /** tmpfs size in bytes. */
  size?: number;
}

export interface RunStepRequest {
  /** The image the stage started from, for the container's record ('' for scratch). */
  image: Digest | '';
  layers: Digest[];
  /** argv */
  cmd: string[];
  env: string[];
  user: string;
  workdir: string;
  /** "default", "none", "host" or a network's name. */
  network: string;
  mounts: RunStepMount[];
  options: BuildOptions;
  output(data: Buffer): void;
  /** Reports the container made for the step / removed after it. */
  container(id: string, phase: 'running' | 'removed'): void;
  signal: AbortSignal;
}

export interface RunStepResult {
  exitCode: number;
  /** The container's changes as an OCI layer tar. */
  diff(): Readable;
  /** Removes the container (after diff() was read). */
  remove(): Promise<void>;
}

/** Runs a RUN step's command in a real container (the engine's containers). */
export interface StepRunner {
  run(req: RunStepRequest): Promise<RunStepResult>;
}

/** What a step's module gets to work with. */
export interface StepContext {
  readonly state: StageState;
  readonly escape: EscapeChar;
  readonly options: BuildOptions;
  /** `--build-arg` values that were given one. */
  readonly given: ReadonlyMap<string, string>;
  /** The global scope (predefined args and the ARGs before the first FROM). */
  readonly globalScope: ReadonlyMap<string, string>;
  /** The names --build-arg values were used for (for the "not consumed" warning). */
  readonly consumed: Set<string>;
  readonly contextDir: string;
  /** The digest of context sources (paths in the context), for the cache key. */
  sourcesDigest(sources: readonly string[]): Promise<SourcesDigest>;
  readonly writer: ImageWriter;
  readonly rootfs: RootfsMounts;
  readonly runner: StepRunner;
  /** The result of another stage (by index), once it is built. */
  stage(index: number): Promise<StageState>;
  /** The stage index a `--from` or `from=` value names, or undefined for an image. */
  stageIndex(ref: string): number | undefined;
  /** An image named by `--from`/`from=`, resolved as FROM resolves it. */
  image(ref: string): Promise<StoredImage>;
  /** A scratch directory for the step (removed when the build ends). */
  tempDir(): Promise<string>;
  /** The host directory of a RUN cache mount. */
  cacheMount(id: string): Promise<string>;
  output(data: Buffer): void;
  container(id: string, phase: 'running' | 'removed'): void;
  readonly signal: AbortSignal;
}
