// Images: the image store (SQLite rows over the content and layer stores),
// import, load/save, history, prune and garbage collection.
export { ImageService, type ContainerImage, type ImageServiceOptions, type ImagesDataUsage } from './service.js';
export type { ImportOptions } from './import.js';
export type { ContainerCommit } from './from-container.js';
export type { LoadOptions } from './load.js';
export type { FetchedManifest, ImageSource, PullOptions } from './pull.js';
export type { ImageDestination, PushOptions, PushResult } from './push.js';
export type { ListOptions } from './queries.js';
export type { RemoveOptions } from './remove.js';
export type { ImageUser, ImageUsers } from './context.js';
export type { Retained } from './gc.js';
export type { ImageWriter, StoredImage, StoredLayer } from './writer.js';
export type { BlobRef } from './commit.js';
export { emptyTarDiffId } from './from-container.js';
export { hostPlatform, parsePlatform } from './platform.js';
// Docker's filter semantics, shared with the container list.
export { boolFilter, filterValues, hasFilter, matchLabels, parseTimestamp, validateFilters } from './filters.js';
