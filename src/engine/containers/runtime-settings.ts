// A container's stored settings (Docker's Config and HostConfig) turned into
// what the runtime's spec builder takes, at start: the user resolved in the
// image's files, device paths turned into numbers, security options read,
// resources and namespaces carried over.
import { statSync } from 'node:fs';
import { InvalidArgument } from '../../common/index.js';
import type { ContainerRuntimeSettings, NamespaceSetting, NamespaceSettings, ResourceSettings, RuntimeMount, ThrottleDevice } from '../../runtime/index.js';
import type { HostConfig, ThrottleDevice as DockerThrottleDevice } from '../../spec/index.js';
import type { StoredSettings } from './container-store.js';
import { resolveUser } from '../../storage/index.js';

export interface StartContext {
  /** The mounted root filesystem. */
  rootfs: string;
  cgroupsPath: string;
  /** Host path of the init binary for --init, when installed. */
  initPath: string | undefined;
  /** Volumes, binds and tmpfs mounts, resolved. */
  mounts: RuntimeMount[];
  /** The network namespace: the container's own sandbox, another's, the host's, or an empty one. */
  network: NonNullable<NamespaceSettings['network']>;
}

export function runtimeSettings(s: StoredSettings, ctx: StartContext): ContainerRuntimeSettings {
  const { Config: config, HostConfig: host } = s;
  const security = securityOptions(host.SecurityOpt ?? []);
  if (host.Init === true && ctx.initPath === undefined) throw new InvalidArgument('--init: no init binary (catatonit) is installed');
  const [height = 0, width = 0] = host.ConsoleSize ?? [];
  return {
    rootfs: ctx.rootfs,
    readonlyRootfs: host.ReadonlyRootfs,
    args: [s.Path, ...s.Args],
    env: config.Env ?? [],
    cwd: config.WorkingDir || '/',
    user: resolveUser(ctx.rootfs, config.User ?? '', host.GroupAdd ?? []),
    hostname: config.Hostname,
    domainname: config.Domainname,
    tty: config.Tty,
    ...(height > 0 && width > 0 ? { consoleSize: { height, width } } : {}),
    mounts: ctx.mounts,
    capAdd: host.CapAdd ?? [],
    capDrop: host.CapDrop ?? [],
    privileged: host.Privileged,
    noNewPrivileges: security.noNewPrivileges,
    seccomp: security.seccomp,
    ...(host.Init === true ? { init: ctx.initPath } : {}),
    resources: resourceSettings(host),
    cgroupsPath: ctx.cgroupsPath,
    namespaces: {
      network: ctx.network,
      pid: namespace(host.PidMode),
      ipc: host.IpcMode === 'none' ? 'none' : namespace(host.IpcMode),
      uts: namespace(host.UTSMode),
      cgroup: host.CgroupnsMode === 'private' ? 'private' : 'host',
    },
    ...(host.MaskedPaths !== null ? { maskedPaths: host.MaskedPaths } : {}),
    ...(host.ReadonlyPaths !== null ? { readonlyPaths: host.ReadonlyPaths } : {}),
    shmSize: host.ShmSize,
    sysctls: host.Sysctls ?? {},
    oomScoreAdj: host.OomScoreAdj,
    annotations: host.Annotations ?? {},
  };
}

function namespace(mode: string): NamespaceSetting {
  return mode === 'host' ? 'host' : 'private';
}

/** moby's parseSecurityOpt, for the options a Linux daemon without SELinux/AppArmor acts on. */
function securityOptions(opts: readonly string[]): { noNewPrivileges: boolean; seccomp: string } {
  let noNewPrivileges = false;
  let seccomp = 'default';
  for (const opt of opts) {
    if (opt === 'no-new-privileges') {
      noNewPrivileges = true;
      continue;
    }
    const sep = opt.search(/[=:]/);
    if (sep < 0) throw new InvalidArgument(`invalid --security-opt 1: ${JSON.stringify(opt)}`);
    const key = opt.slice(0, sep);
    const value = opt.slice(sep + 1);
    if (key === 'no-new-privileges') {
      if (value !== 'true' && value !== 'false') throw new InvalidArgument(`invalid --security-opt 2: ${JSON.stringify(opt)}`);
      noNewPrivileges = value === 'true';
    } else if (key === 'seccomp') {
      seccomp = value === 'unconfined' ? 'unconfined' : value === 'builtin' ? 'default' : value;
    } else if (key !== 'label' && key !== 'apparmor' && key !== 'systempaths' && key !== 'writable-cgroups') {
      throw new InvalidArgument(`invalid --security-opt 2: ${JSON.stringify(opt)}`);
    }
  }
  return { noNewPrivileges, seccomp };
}

/** The cgroup limits of a HostConfig, for the spec builder (at start) and the runtime's update. */
export function resourceSettings(h: HostConfig): ResourceSettings {
  return {
    memory: h.Memory,
    ...(h.MemorySwap !== 0 ? { memorySwap: h.MemorySwap } : {}),
    memoryReservation: h.MemoryReservation,
    nanoCpus: h.NanoCpus,
    cpuPeriod: h.CpuPeriod,
    cpuQuota: h.CpuQuota,
    cpuShares: h.CpuShares,
    cpusetCpus: h.CpusetCpus,
    cpusetMems: h.CpusetMems,
    ...(h.PidsLimit !== null ? { pidsLimit: h.PidsLimit } : {}),
    blkioWeight: h.BlkioWeight,
    deviceReadBps: throttle(h.BlkioDeviceReadBps ?? []),
    deviceWriteBps: throttle(h.BlkioDeviceWriteBps ?? []),
    ulimits: (h.Ulimits ?? []).map((u) => ({ name: u.Name, soft: u.Soft, hard: u.Hard })),
  };
}

function throttle(devices: readonly DockerThrottleDevice[]): ThrottleDevice[] {
  return devices.map((d) => {
    let rdev: number;
    try {
      rdev = statSync(d.Path).rdev;
    } catch {
      throw new InvalidArgument(`error getting device ${d.Path}: no such file or directory`);
    }
    // Linux's new_encode_dev: the major in bits 8..19, the minor split around it.
    return { major: (rdev >> 8) & 0xfff, minor: (rdev & 0xff) | ((rdev >> 12) & 0xfff00), rate: d.Rate };
  });
}
