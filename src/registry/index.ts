// Registries: the distribution client the engine pulls and pushes with. The
// registry server (`cais registry serve`) is its own entry point,
// registry/server/index.js, loaded by the CLI alone.
export * from './distribution/index.js';
