// Docker Engine API server.
export { createApiServer, type TlsServerOptions } from './server.js';
export type { ServedEngine } from './served-engine.js';
export { maxApiVersion, minApiVersion } from './version.js';
