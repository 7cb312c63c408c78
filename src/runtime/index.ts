// The runtime: OCI config generation, the runtime driver, conmon, exec.

// --- OCI runtime config (spec/) and seccomp (seccomp/) ---
export * from './spec/index.js';
export { defaultSeccompProfile, parseSeccompProfile, toOciSeccomp } from './seccomp/index.js';
export type { DockerSeccompProfile, LinuxSeccomp } from './seccomp/index.js';
// --- end OCI runtime config ---

// --- runtime driver (driver/): conmon + crun/runc, attach, exec, logs ---
export * from './driver/index.js';
// --- end runtime driver ---
