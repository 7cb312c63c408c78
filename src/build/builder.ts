// The builder: a Dockerfile and a context to an image. The stages the
// target needs start together (each waits only for the stages it builds on
// or copies from); a stage runs its steps in order. Every step has a cache
// key, the hash of its parent's key and the step's inputs; when the build
// cache has a record for it whose layers are still stored, the record's
// result is taken instead of executing the step. The first failure aborts
// the others; the build then waits for all of them before it returns, so
// no container or mount outlives it.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgument, errorMessage, type Digest } from '../common/index.js';
import { emptyTarDiffId, hostPlatform, parsePlatform, type ImageWriter, type StoredImage } from '../images/index.js';
import { familiarString, referenceString, type ImageConfig } from '../spec/index.js';
import { parseDockerfile, parseInstructions, type Dockerfile, type Instruction } from '../spec/dockerfile/index.js';
import { givenArgs, globalArgs, proxyArgs } from './args.js';
import type { BuildCache } from './cache/cache-store.js';
import { sourcesDigest, type SourceDigestMemo } from './context/index.js';
import { atLine } from './errors.js';
import { historyComment } from './history.js';
import type { BuildOptions } from './options.js';
import { planBuild, stageRef, type BuildPlan, type PlannedStage } from './plan.js';
import type { BuildProgress } from './progress/progress.js';
import type { RootfsMounts } from './rootfs.js';
import { StageState, defaultPath } from './stage-state.js';
import { prepareCopy } from './steps/copy.js';
import { metadataKinds, prepareMetadata } from './steps/metadata.js';
import { prepareRun } from './steps/run.js';
import type { Step, StepContext, StepRunner } from './steps/step.js';
import { prepareWorkdir } from './steps/workdir.js';

export interface BuilderDeps {
  cache: BuildCache;
  /** A new image writer for one build. */
  writer(): ImageWriter;
  runner: StepRunner;
  rootfs: RootfsMounts;
  /** Where builds keep their temporary files. */
  tempRoot: string;
  /** Where RUN --mount=type=cache directories live. */
  cacheMountRoot: string;
}

export interface BuildInput {
  contextDir: string;
  /** A kept context's memo of source digests. */
  contextDigests?: SourceDigestMemo;
  dockerfile: string;
  /** The Dockerfile's name, for error locations. */
  dockerfilePath: string;
}

export interface BuildOutput {
  id: Digest;
  tags: string[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function stepKey(parent: string, inputs: unknown): string {
  return sha256(JSON.stringify([parent, inputs]));
}

/** A scratch stage's image (BuildKit's emptyImage). */
function scratchConfig(): ImageConfig {
  const p = hostPlatform();
  return {
    architecture: p.architecture,
    os: p.os,
    ...(p.variant !== undefined && { variant: p.variant }),
    config: { Env: [defaultPath], WorkingDir: '/' },
    rootfs: { type: 'layers', diff_ids: [] },
    history: [],
  };
}

/** A base image as a stage starts from it: PATH set if the image has none (as BuildKit does). */
function baseState(image: StoredImage): StageState {
  const config = structuredClone(image.config);
  const runtime = config.config ?? {};
  if (!(runtime.Env ?? []).some((e) => e.startsWith('PATH='))) runtime.Env = [...(runtime.Env ?? []), defaultPath];
  config.config = runtime;
  return new StageState(sha256(`image\0${image.id}`), config, [...image.layers], image.id);
}

async function prepareStep(ctx: StepContext, instr: Exclude<Instruction, { kind: 'FROM' }>): Promise<Step> {
  if (instr.kind === 'RUN') return prepareRun(ctx, instr);
  if (instr.kind === 'COPY' || instr.kind === 'ADD') return prepareCopy(ctx, instr);
  if (instr.kind === 'WORKDIR') return prepareWorkdir(ctx, instr);
  if (metadataKinds.has(instr.kind)) return prepareMetadata(ctx, instr as Parameters<typeof prepareMetadata>[1]);
  throw new InvalidArgument(`unknown instruction: ${instr.kind}`);
}

class Build {
  private readonly abort = new AbortController();
  private readonly stages = new Map<number, Promise<StageState>>();
  private readonly images = new Map<string, Promise<StoredImage>>();
  private readonly consumed = new Set<string>();
  private readonly given: Map<string, string>;
  private readonly globalScope: Map<string, string>;
  private plan!: BuildPlan;
  private file!: Dockerfile;
  private tempCount = 0;
  /** The first step to fail; the others then fail because the build was aborted. */
  private firstError: unknown;

  constructor(
    private readonly deps: BuilderDeps,
    private readonly writer: ImageWriter,
    private readonly input: BuildInput,
    private readonly options: BuildOptions,
    private readonly progress: BuildProgress,
    private readonly tempDir: string,
    signal: AbortSignal,
  ) {
    this.given = givenArgs(options.buildArgs);
    this.globalScope = new Map();
    signal.addEventListener('abort', () => this.abort.abort(signal.reason), { once: true });
  }

  async run(): Promise<BuildOutput> {
    this.file = parseDockerfile(this.input.dockerfile);
    for (const w of this.file.warnings) this.progress.warn(`${this.input.dockerfilePath}:${w.line}: ${w.message}`);
    const global = globalArgs(this.file.metaArgs, this.given, this.options.target ?? '', this.file.escape);
    for (const [k, v] of global.scope) this.globalScope.set(k, v);
    for (const name of global.declared) if (this.given.has(name)) this.consumed.add(name);
    this.plan = planBuild(this.file, this.options.target, this.globalScope);
    this.progress.plan(this.plan.steps);

    const all = this.plan.stages.map((s) => this.stage(s.index));
    const settled = await Promise.allSettled(all);
    if (settled.some((r) => r.status === 'rejected')) throw this.firstError;
    const final = await this.stage(this.plan.target);

    const unused = [...this.given.keys()].filter((k) => !this.consumed.has(k) && !proxyArgs.has(k)).sort();
    if (unused.length > 0) this.progress.warn(`One or more build-args [${unused.join(' ')}] were not consumed`);
    return this.export(final);
  }

  private async export(final: StageState): Promise<BuildOutput> {
    return this.progress.task('exporting to image', async (status) => {
      const config = structuredClone(final.config);
      const runtime = { ...(config.config ?? {}) };
      if (Object.keys(this.options.labels).length > 0) runtime.Labels = { ...(runtime.Labels ?? {}), ...this.options.labels };
      config.config = runtime;
      // The time of the last step, so a build that changed nothing gives the same image.
      config.created = config.history?.at(-1)?.created ?? config.created;
      status('exporting layers', true);
      const result = await this.writer.commit(config, final.layers, this.options.tags);
      status(`writing image ${result.id}`, true);
      for (const tag of this.options.tags) status(`naming to ${referenceString(tag)}`, true);
      return { id: result.id, tags: this.options.tags.map(familiarString) };
    });
  }

  /** A stage's result, built once however many ask for it. */
  private stage(index: number): Promise<StageState> {
    let promise = this.stages.get(index);
    if (promise === undefined) {
      const planned = this.plan.stages.find((s) => s.index === index);
      if (planned === undefined) throw new InvalidArgument(`stage ${index} is not part of this build`);
      promise = this.runStage(planned);
      promise.catch((err: unknown) => {
        this.firstError ??= err;
        this.abort.abort();
      });
      this.stages.set(index, promise);
    }
    return promise;
  }

  private image(ref: string): Promise<StoredImage> {
    let promise = this.images.get(ref);
    if (promise === undefined) {
      promise = this.progress.task(`[internal] load metadata for ${ref}`, async () => {
        const image = await this.writer.image(ref);
        const wanted = this.options.platform ? parsePlatform(this.options.platform) : undefined;
        if (wanted !== undefined && (wanted.os !== image.config.os || wanted.architecture !== image.config.architecture)) {
          throw new InvalidArgument(`image ${ref} is for ${image.config.os}/${image.config.architecture}, not the requested platform ${this.options.platform}`);
        }
        return image;
      });
      this.images.set(ref, promise);
    }
    return promise;
  }

  private async runStage(planned: PlannedStage): Promise<StageState> {
    const { stage, base } = planned;
    const from = planned.firstStep;
    let state: StageState;
    try {
      // The image's metadata is loaded before its FROM vertex starts, as BuildKit shows it.
      const image = base.kind === 'image' ? await this.image(base.ref) : undefined;
      this.progress.started(from);
      if (base.kind === 'stage') state = (await this.stage(base.index)).child();
      else if (image === undefined) state = new StageState(sha256('scratch'), scratchConfig(), [], '');
      else state = baseState(image);
      const triggers = state.runtime().OnBuild ?? [];
      if (triggers.length > 0) {
        const { OnBuild: _done, ...runtime } = state.runtime();
        state.config = { ...state.config, config: runtime };
        for (const trigger of triggers) {
          const [instr] = parseInstructions(trigger) as Exclude<Instruction, { kind: 'FROM' }>[];
          if (instr === undefined) continue;
          await this.runStep(planned, state, instr, from, true);
        }
      }
    } catch (err) {
      const located = atLine(err, this.input.dockerfilePath, stage.from.startLine);
      this.progress.failed(from, errorMessage(located));
      throw located;
    }
    this.progress.result(from, state.key);
    this.progress.done(from);
    for (const [i, instr] of stage.instructions.entries()) {
      const step = from + 1 + i;
      this.progress.started(step);
      try {
        await this.runStep(planned, state, instr, step, false);
      } catch (err) {
        const located = atLine(err, this.input.dockerfilePath, instr.startLine);
        this.progress.failed(step, errorMessage(located));
        throw located;
      }
      this.progress.result(step, state.key);
      this.progress.done(step);
    }
    return state;
  }

  private context(planned: PlannedStage, state: StageState, step: number): StepContext {
    return {
      state,
      escape: this.file.escape,
      options: this.options,
      given: this.given,
      globalScope: this.globalScope,
      consumed: this.consumed,
      contextDir: this.input.contextDir,
      sourcesDigest: (sources) => sourcesDigest(this.input.contextDir, sources, this.input.contextDigests),
      writer: this.writer,
      rootfs: this.deps.rootfs,
      runner: this.deps.runner,
      stage: (i) => this.stage(i),
      stageIndex: (ref) => stageRef(this.file.stages, planned.index, ref),
      image: (ref) => this.image(ref),
      tempDir: async () => {
        const dir = join(this.tempDir, String(++this.tempCount));
        await mkdir(dir);
        return dir;
      },
      cacheMount: async (id) => {
        const dir = join(this.deps.cacheMountRoot, sha256(id));
        await mkdir(dir, { recursive: true });
        return dir;
      },
      output: (data) => this.progress.output(step, data),
      container: (id, phase) => this.progress.container(step, id, phase),
      signal: this.abort.signal,
    };
  }

  /** One step: from the cache when it can be, executed otherwise; `state` moves on to its result. */
  private async runStep(planned: PlannedStage, state: StageState, instr: Exclude<Instruction, { kind: 'FROM' }>, step: number, trigger: boolean): Promise<void> {
    this.abort.signal.throwIfAborted();
    const ctx = this.context(planned, state, step);
    const prepared = await prepareStep(ctx, instr);
    const key = stepKey(state.key, prepared.inputs);
    const record = this.options.noCache ? undefined : this.deps.cache.get(key);
    if (record !== undefined && this.writer.present(record.layers)) {
      this.writer.hold(record.layers);
      this.deps.cache.touch([key]);
      state.key = key;
      state.config = record.config;
      state.layers = record.layers;
      if (!trigger) this.progress.cached(step);
      return;
    }
    const outcome = await prepared.execute();
    const layer = outcome.layer !== undefined && outcome.layer.diffId !== emptyTarDiffId ? outcome.layer : undefined;
    const layers = layer === undefined ? state.layers : [...state.layers, layer];
    const created = new Date().toISOString();
    const config: ImageConfig = {
      ...state.config,
      created,
      ...(outcome.author !== undefined && { author: outcome.author }),
      config: outcome.config,
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: [
        ...(state.config.history ?? []),
        ...(prepared.createdBy === undefined
          ? []
          : [{ created, created_by: prepared.createdBy, comment: historyComment, ...(layer === undefined && { empty_layer: true }) }]),
      ],
    };
    this.deps.cache.put({ id: key, parent: state.key, description: prepared.createdBy ?? instr.original, config, layers, createdAt: Date.now() });
    state.key = key;
    state.config = config;
    state.layers = layers;
  }
}

export class Builder {
  constructor(private readonly deps: BuilderDeps) {}

  async build(input: BuildInput, options: BuildOptions, progress: BuildProgress, signal: AbortSignal): Promise<BuildOutput> {
    await mkdir(this.deps.tempRoot, { recursive: true });
    const tempDir = await mkdtemp(join(this.deps.tempRoot, 'build-'));
    const writer = this.deps.writer();
    try {
      return await new Build(this.deps, writer, input, options, progress, tempDir, signal).run();
    } finally {
      await writer.end();
      await rm(tempDir, { recursive: true, force: true });
    }
  }
}
