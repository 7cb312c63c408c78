// The use cases the API calls, over the images, containers, volumes and
// networks of one data root.
export { Engine, type EngineOptions, type EngineVersion } from './engine.js';
export { eventFilter, eventTime, type EventBus, type DaemonEvent } from './events.js';
export type { ContainerService, ContainerListOptions, ContainerRemoveOptions, ContainerCounts, OutputChunk, AttachedStreams, WaitCondition, ExecStartOptions, ExecStreams } from './containers/index.js';
export type { VolumeService } from './volumes/index.js';
export type { NetworkService } from './networks/index.js';
export { LegacyStream, VertexStream, type BuildService, type BuildPruneOptions, type BuildOptions, type BuildProgress } from './build/index.js';
export { RegistryService, pullReference, type PullRequest, type PushRequest } from './registries/index.js';
