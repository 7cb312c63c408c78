// The client side of `cais build`: the context as the docker CLI sends it
// (a directory filtered by its .dockerignore, a Dockerfile from elsewhere
// added under a name of its own, or a tar or a Dockerfile on stdin) and
// where its Dockerfile is. The CLI loads this only for `build`.
export { tarContextDirectory, tarContextWithDockerfile, type ContextWithDockerfile, type DirectoryContextOptions } from './from-directory.js';
export { locateDockerfile, type LocatedDockerfile } from './dockerfile-path.js';
export { contextFromReader, isArchive, type StdinContext } from './stdin-context.js';
export { syncContextDirectory, type SyncedContext } from './synced-context.js';
