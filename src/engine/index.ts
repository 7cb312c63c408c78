// The use cases the API calls, over the images and containers (and, later,
// networks and volumes) of one data root.
export { Engine, type EngineOptions, type EngineVersion } from './engine.js';
export type { ContainerService, ContainerListOptions, ContainerRemoveOptions, ContainerCounts, OutputChunk, AttachedStreams, WaitCondition } from './containers/index.js';
