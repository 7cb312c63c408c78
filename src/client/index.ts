// Typed Engine API client (used by the CLI and by tests).
export { demultiplex } from './demultiplex.js';
export { StreamedError } from './errors.js';
export { EngineClient, type EngineClientOptions, type TlsOptions } from './engine-client.js';
export { defaultHost, resolveHost } from './host.js';
export { parseHost, type HostAddress } from '../spec/docker/index.js';
