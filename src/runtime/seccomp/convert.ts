// Resolves a Docker-format seccomp profile into the OCI `linux.seccomp` a
// runtime loads, as moby/profiles seccomp/seccomp_linux.go setupSeccomp does:
// the archMap entry of the host's architecture becomes `architectures`, and
// each rule is kept only if its `includes` hold and its `excludes` do not,
// judged against the container's bounding capabilities (after cap-add/drop),
// the host's architecture and the host's kernel version.
import { InvalidArgument } from '../../common/index.js';
import { seccompHostArch } from './arch.js';
import { kernelAtLeast, parseKernelRelease, type KernelVersion } from './kernel-version.js';
import type { LinuxSeccomp, SeccompSyscall } from './oci-seccomp.js';
import type { DockerSeccompProfile } from './profile.js';

export interface SeccompTarget {
  /** The container's bounding capability set, e.g. ["CAP_CHOWN", ...]. */
  capabilities: readonly string[];
  /** Node's process.arch of the host. */
  arch: string;
  /** The host kernel. */
  kernel: KernelVersion;
}

type Rule = NonNullable<DockerSeccompProfile['syscalls']>[number];
type Filter = NonNullable<Rule['includes']>;

/** The OCI seccomp section, or undefined when the profile disables seccomp (no default action, no rules). */
export function toOciSeccomp(profile: DockerSeccompProfile, target: SeccompTarget): LinuxSeccomp | undefined {
  const rules = profile.syscalls ?? [];
  if (!profile.defaultAction && rules.length === 0) return undefined;
  if (!profile.defaultAction) throw new InvalidArgument('seccomp profile has syscall rules but no defaultAction');
  if (profile.architectures?.length && profile.archMap?.length) {
    throw new InvalidArgument(
      "both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'",
    );
  }

  const hostArch = seccompHostArch(target.arch);
  const native = hostArch?.native ?? target.arch;
  const caps = new Set(target.capabilities);
  const out: LinuxSeccomp = { defaultAction: profile.defaultAction };
  if (profile.defaultErrnoRet != null) out.defaultErrnoRet = profile.defaultErrnoRet;
  const architectures = [...(profile.architectures ?? [])];
  const mapped = hostArch && profile.archMap?.find((a) => a.architecture === hostArch.seccomp);
  if (mapped) architectures.push(mapped.architecture, ...(mapped.subArchitectures ?? []));
  if (architectures.length > 0) out.architectures = architectures;
  if (profile.flags?.length) out.flags = [...profile.flags];
  if (profile.listenerPath) out.listenerPath = profile.listenerPath;
  if (profile.listenerMetadata) out.listenerMetadata = profile.listenerMetadata;

  const syscalls: SeccompSyscall[] = [];
  for (const rule of rules) {
    const names = ruleNames(rule);
    if (rule.excludes && excluded(rule.excludes, native, caps, target.kernel)) continue;
    if (rule.includes && !included(rule.includes, native, caps, target.kernel)) continue;
    const call: SeccompSyscall = { names, action: rule.action };
    if (rule.errnoRet != null) call.errnoRet = rule.errnoRet;
    if (rule.args?.length) call.args = rule.args.map((a) => ({ ...a }));
    syscalls.push(call);
  }
  out.syscalls = syscalls;
  return out;
}

function ruleNames(rule: Rule): string[] {
  if (rule.name) {
    if (rule.names?.length) {
      throw new InvalidArgument("both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
    }
    return [rule.name];
  }
  if (!rule.names?.length) throw new InvalidArgument('seccomp profile has a syscall rule without names');
  return [...rule.names];
}

/** Any one matching condition excludes the rule. */
function excluded(f: Filter, native: string, caps: Set<string>, kernel: KernelVersion): boolean {
  if (f.arches?.includes(native)) return true;
  if (f.caps?.some((c) => caps.has(c))) return true;
  return !!f.minKernel && kernelAtLeast(kernel, parseKernelRelease(f.minKernel));
}

/** Every condition must hold to include the rule. */
function included(f: Filter, native: string, caps: Set<string>, kernel: KernelVersion): boolean {
  if (f.arches?.length && !f.arches.includes(native)) return false;
  if (f.caps?.length && !f.caps.every((c) => caps.has(c))) return false;
  return !f.minKernel || kernelAtLeast(kernel, parseKernelRelease(f.minKernel));
}
