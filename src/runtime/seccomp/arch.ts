// The host architecture in the two spellings a Docker seccomp profile uses:
// libseccomp's native name in `includes/excludes.arches` ("amd64", "arm64")
// and the SCMP_ARCH_* constant that selects an `archMap` entry
// (moby/profiles seccomp/seccomp_linux.go goToNative and nativeToSeccomp).
import type { SeccompArch } from './oci-seccomp.js';

export interface SeccompHostArch {
  native: string;
  seccomp: SeccompArch;
}

// Keyed by Node's process.arch.
const byNodeArch: Record<string, SeccompHostArch> = {
  x64: { native: 'amd64', seccomp: 'SCMP_ARCH_X86_64' },
  ia32: { native: 'x86', seccomp: 'SCMP_ARCH_X86' },
  arm64: { native: 'arm64', seccomp: 'SCMP_ARCH_AARCH64' },
  arm: { native: 'arm', seccomp: 'SCMP_ARCH_ARM' },
  // Node reports little-endian ppc64 (the only one it supports on Linux) as 'ppc64'.
  ppc64: { native: 'ppc64le', seccomp: 'SCMP_ARCH_PPC64LE' },
  s390x: { native: 's390x', seccomp: 'SCMP_ARCH_S390X' },
  riscv64: { native: 'riscv64', seccomp: 'SCMP_ARCH_RISCV64' },
  loong64: { native: 'loong64', seccomp: 'SCMP_ARCH_LOONGARCH64' },
};

/** The seccomp names of a Node architecture, or undefined for one Docker's profile does not know. */
export function seccompHostArch(nodeArch: string): SeccompHostArch | undefined {
  return byNodeArch[nodeArch];
}
