// Validators of Docker API request bodies (zod), apart from spec/docker so
// that the CLI, which imports the types only, never loads zod.
export { parseContainerCreate } from './container-create.js';
export { verifyContainerSettings, verifyRestartPolicy, type HostLimits } from './verify-settings.js';
export { parseSignal } from './signals.js';
export { parseVolumeCreate } from './volume-create.js';
export { parseExecCreate, parseExecStart } from './exec.js';
export { parseContainerUpdate } from './container-update.js';
export { parseNetworkCreate, parseNetworkConnect, parseNetworkDisconnect } from './network.js';
export { decodeRegistryAuth, parseAuthConfig } from './auth-config.js';
