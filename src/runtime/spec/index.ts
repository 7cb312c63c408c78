// OCI runtime config generation with Docker's defaults.
export { buildRuntimeConfig, ociVersion } from './build-runtime-config.js';
export { buildResources } from './resources.js';
export { serializeRuntimeConfig } from './serialize.js';
export { readHostFacts } from './host-facts.js';
export { defaultCapabilities, knownCapabilities, containerCapabilities } from './capabilities.js';
export { containerEnv, replaceOrAppendEnv } from './env.js';
export { defaultMaskedPaths, defaultReadonlyPaths, defaultShmSize } from './defaults.js';
export { RLIM_INFINITY } from './rlimits.js';
export { inContainerInitPath } from './mounts.js';
export type * from './oci-runtime-config.js';
export type * from './settings.js';
