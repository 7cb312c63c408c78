// Turns a container's settings into the OCI runtime config (config.json) that
// Docker would hand its runtime (moby daemon/oci_linux.go createSpec on top
// of daemon/pkg/oci/defaults.go). Pure: the host facts Docker reads as it
// goes (capabilities, kernel, architecture, rlimits) come in as an argument.
import { posix } from 'node:path';
import { InvalidArgument } from '../../common/index.js';
import { defaultSeccompProfile, parseKernelRelease, parseSeccompProfile, toOciSeccomp, kernelAtLeast } from '../seccomp/index.js';
import type { LinuxSeccomp } from '../seccomp/index.js';
import { containerCapabilities } from './capabilities.js';
import { defaultDeviceRules, defaultMaskedPaths, defaultReadonlyPaths } from './defaults.js';
import { containerEnv } from './env.js';
import { buildMounts, inContainerInitPath } from './mounts.js';
import { buildNamespaces, ownsNetworkNamespace } from './namespaces.js';
import type { OciLinux, OciProcess, OciRuntimeConfig } from './oci-runtime-config.js';
import { buildResources } from './resources.js';
import { buildRlimits } from './rlimits.js';
import type { ContainerRuntimeSettings, HostFacts } from './settings.js';

/** The runtime-spec version cais writes; runc 1.1 and crun 1.8 read it. */
export const ociVersion = '1.1.0';

const maxId = 0xffffffff;

export function buildRuntimeConfig(s: ContainerRuntimeSettings, host: HostFacts): OciRuntimeConfig {
  validate(s);
  const ns = s.namespaces ?? {};
  const pidPrivate = ns.pid === undefined || ns.pid === 'private';
  const utsHost = ns.uts === 'host';
  const hostname = s.hostname ?? '';
  const kernel = parseKernelRelease(host.kernelRelease);

  const caps = containerCapabilities(s, host.capabilities);
  const process: OciProcess = {
    user: { uid: s.user.uid, gid: s.user.gid, additionalGids: [s.user.gid, ...(s.user.additionalGids ?? [])] },
    args: s.init && pidPrivate ? [inContainerInitPath, '--', ...s.args] : [...s.args],
    env: containerEnv(s.env ?? [], hostname, !!s.tty),
    cwd: s.cwd || '/',
    capabilities: { bounding: caps, effective: [...caps], permitted: [...caps] },
    oomScoreAdj: s.oomScoreAdj ?? 0,
  };
  if (s.tty) {
    process.terminal = true;
    if (s.consoleSize && s.consoleSize.height > 0 && s.consoleSize.width > 0) process.consoleSize = { ...s.consoleSize };
  }
  const rlimits = buildRlimits(s.resources?.ulimits ?? [], host.rlimitHard);
  if (rlimits.length > 0) process.rlimits = rlimits;
  if (s.noNewPrivileges) process.noNewPrivileges = true;

  const plan = buildMounts({
    mounts: s.mounts,
    init: s.init,
    privatePid: pidPrivate,
    ipcNone: ns.ipc === 'none',
    shmSize: s.shmSize,
    readonlyRootfs: s.readonlyRootfs,
    privileged: s.privileged,
  });

  const resources = buildResources(s.resources ?? {});
  resources.devices = s.privileged ? [{ allow: true, access: 'rwm' }] : defaultDeviceRules();
  const linux: OciLinux = { namespaces: buildNamespaces(ns), cgroupsPath: s.cgroupsPath, resources };
  if (s.devices?.length) linux.devices = s.devices.map((d) => ({ ...d }));
  if (plan.rootfsPropagation) linux.rootfsPropagation = plan.rootfsPropagation;

  const sysctl: Record<string, string> = {};
  if (ownsNetworkNamespace(ns)) {
    // Docker's defaults: ping without CAP_NET_RAW, low ports without CAP_NET_BIND_SERVICE.
    sysctl['net.ipv4.ping_group_range'] = '0 2147483647';
    if (kernelAtLeast(kernel, { kernel: 4, major: 11 })) sysctl['net.ipv4.ip_unprivileged_port_start'] = '0';
  }
  Object.assign(sysctl, s.sysctls);
  if (Object.keys(sysctl).length > 0) linux.sysctl = sysctl;

  const seccomp = s.privileged ? undefined : seccompFor(s.seccomp ?? 'default', caps, host, kernel);
  if (seccomp) linux.seccomp = seccomp;

  const masked = s.maskedPaths ?? (s.privileged ? undefined : [...defaultMaskedPaths, ...(host.extraMaskedPaths ?? [])]);
  const readonly = s.readonlyPaths ?? (s.privileged ? undefined : [...defaultReadonlyPaths]);
  if (masked) linux.maskedPaths = [...masked];
  if (readonly) linux.readonlyPaths = [...readonly];

  const config: OciRuntimeConfig = {
    ociVersion,
    process,
    root: { path: s.rootfs, readonly: !!s.readonlyRootfs },
    mounts: plan.mounts,
    linux,
  };
  if (hostname && !utsHost) config.hostname = hostname;
  if (s.domainname && !utsHost) config.domainname = s.domainname;
  if (s.annotations && Object.keys(s.annotations).length > 0) config.annotations = { ...s.annotations };
  return config;
}

function seccompFor(setting: string, caps: string[], host: HostFacts, kernel: ReturnType<typeof parseKernelRelease>): LinuxSeccomp | undefined {
  if (setting === 'unconfined') return undefined;
  const profile = setting === 'default' ? defaultSeccompProfile : parseSeccompProfile(setting);
  return toOciSeccomp(profile, { capabilities: caps, arch: host.arch, kernel });
}

function validate(s: ContainerRuntimeSettings): void {
  if (s.args.length === 0 || s.args[0] === '') throw new InvalidArgument('No command specified');
  if (!posix.isAbsolute(s.rootfs)) throw new InvalidArgument(`rootfs path must be absolute: ${s.rootfs}`);
  if (!posix.isAbsolute(s.cgroupsPath)) throw new InvalidArgument(`cgroups path must be absolute: ${s.cgroupsPath}`);
  if (s.cwd && !posix.isAbsolute(s.cwd)) {
    throw new InvalidArgument(`the working directory '${s.cwd}' is invalid, it needs to be an absolute path`);
  }
  for (const id of [s.user.uid, s.user.gid, ...(s.user.additionalGids ?? [])]) {
    if (!Number.isInteger(id) || id < 0 || id > maxId) throw new InvalidArgument(`invalid user or group id: ${id}`);
  }
  const oom = s.oomScoreAdj ?? 0;
  if (!Number.isInteger(oom) || oom < -1000 || oom > 1000) {
    throw new InvalidArgument(`Invalid value ${oom}, range for oom score adj is [-1000, 1000]`);
  }
}
