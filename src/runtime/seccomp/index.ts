// Seccomp: Docker's default profile as data, custom profiles in Docker's
// format, and their resolution into the OCI `linux.seccomp` section.
export { defaultSeccompProfile } from './default-profile.js';
export { parseSeccompProfile, maxProfileBytes, type DockerSeccompProfile } from './profile.js';
export { toOciSeccomp, type SeccompTarget } from './convert.js';
export { parseKernelRelease, kernelAtLeast, type KernelVersion } from './kernel-version.js';
export type { LinuxSeccomp, SeccompSyscall, SeccompArg, SeccompAction, SeccompArch, SeccompOperator, SeccompFlag } from './oci-seccomp.js';
