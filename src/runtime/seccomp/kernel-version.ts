// Kernel versions as moby's seccomp filters compare them: only "<kernel>.<major>"
// counts, so 6.18.44-foo and 6.18 are equal (moby/profiles seccomp/kernel_linux.go).
import { InvalidArgument } from '../../common/index.js';

export interface KernelVersion {
  kernel: number;
  major: number;
}

/** Parses a release string such as `os.release()` ("6.18.44-fc-v669"). */
export function parseKernelRelease(release: string): KernelVersion {
  const match = /^(\d+)\.(\d+)/.exec(release);
  if (!match) throw new InvalidArgument(`failed to parse kernel version ${JSON.stringify(release)}`);
  return { kernel: Number(match[1]), major: Number(match[2]) };
}

export function kernelAtLeast(host: KernelVersion, min: KernelVersion): boolean {
  return host.kernel > min.kernel || (host.kernel === min.kernel && host.major >= min.major);
}
