// Builds from Dockerfiles: so far the build context (what the daemon
// receives, .dockerignore, the sources' digests for the
// cache). The builder itself comes next.
export * from './context/index.js';
