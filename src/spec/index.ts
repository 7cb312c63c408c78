// Wire and file formats as types and validators. No I/O.
export * from './oci/index.js';
export * from './docker/index.js';
