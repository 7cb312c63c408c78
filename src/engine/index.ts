// The use cases the API calls, over the images, containers and volumes (and,
// later, networks) of one data root.
export { Engine, type EngineOptions, type EngineVersion } from './engine.js';
export type { ContainerService, ContainerListOptions, ContainerRemoveOptions, ContainerCounts, OutputChunk, AttachedStreams, WaitCondition } from './containers/index.js';
export type { VolumeService } from './volumes/index.js';
