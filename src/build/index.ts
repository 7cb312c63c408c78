// Builds from Dockerfiles, daemon side: the context the daemon receives
// (.dockerignore, the sources' digests), the builder (stages, steps, the
// cache) and the two ways of reporting progress. The CLI's side of the
// context is build/client.
export * from './context/index.js';
export { Builder, type BuilderDeps, type BuildInput, type BuildOutput } from './builder.js';
export { BuildCache, type PruneFilter } from './cache/cache-store.js';
export type { BuildOptions, BuildResources, BuildUlimit } from './options.js';
export type { BuildProgress } from './progress/progress.js';
export { LegacyStream } from './progress/legacy-stream.js';
export { VertexStream } from './progress/vertex-stream.js';
export { RootfsMounts } from './rootfs.js';
export type { RunStepMount, RunStepRequest, RunStepResult, StepRunner } from './steps/step.js';
