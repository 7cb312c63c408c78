// Containers: the store (SQLite, settings apart from state), names, create,
// list, inspect, remove and prune.
export { ContainerService, type ContainerServiceOptions, type ContainerCounts } from './service.js';
export type { ListOptions as ContainerListOptions } from './list.js';
export type { RemoveOptions as ContainerRemoveOptions } from './remove.js';
export type { OutputChunk, AttachedStreams, AttachOptions } from './attach.js';
export type { WaitCondition } from './service.js';
export type { ExecStartOptions, ExecStreams } from './exec.js';
export type { ExtractOptions } from './archive.js';
export type { CommitOptions } from './commit.js';
