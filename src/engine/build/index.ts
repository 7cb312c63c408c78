// Builds served by the engine: the builder with RUN steps as containers, the build cache's usage and pruning.
export { BuildService, type BuildPruneOptions } from './service.js';
export { LegacyStream, VertexStream, type BuildOptions, type BuildProgress } from '../../build/index.js';
