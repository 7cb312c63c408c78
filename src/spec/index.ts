// Wire and file formats as types and validators. No I/O. Each format also has
// its own entry point (spec/<format>/index.js), so that a light importer (the
// CLI) need not load the OCI zod schemas.
export * from './oci/index.js';
export * from './docker/index.js';
export * from './reference/index.js';
