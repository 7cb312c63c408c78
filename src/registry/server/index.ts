// The registry server of `cais registry serve` and `cais registry gc`: an
// OCI distribution v1.1 registry over a directory, run in its own process
// (no daemon). See docs/architecture.md, "Registry server".
export { serveRegistry, type RegistryServerOptions, type RunningRegistry } from './server.js';
export { collectRegistryGarbage, type GarbageCollectionOptions, type GarbageCollectionResult } from './gc.js';
