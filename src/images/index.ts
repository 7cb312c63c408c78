// Images: the image store (SQLite rows over the content and layer stores),
// import, load/save, history, prune and garbage collection.
export { ImageService, type ImageServiceOptions, type ImagesDataUsage } from './service.js';
export type { ImportOptions } from './import.js';
export type { LoadOptions } from './load.js';
export type { ListOptions } from './queries.js';
export type { RemoveOptions } from './remove.js';
