// What the engine hands the spec builder: a container's settings, already
// resolved (image config merged with the run flags, user names turned into
// ids, memory strings into bytes, device paths into major:minor), and the
// facts about the host that Docker reads at run time, read once by the caller.
import type { OciDevice } from './oci-runtime-config.js';

/** Propagation of a bind mount (Docker's `bind-propagation`). */
export type Propagation = 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';

export type RuntimeMount =
  | {
      /** A host directory (`bind`) or a named volume's directory (`volume`). */
      type: 'bind' | 'volume';
      source: string;
      destination: string;
      readonly?: boolean;
      /** Default: rprivate for binds, none for volumes (as Docker). */
      propagation?: Propagation;
      /** `bind-nonrecursive`: bind instead of rbind. */
      nonRecursive?: boolean;
    }
  | {
      type: 'tmpfs';
      destination: string;
      /** tmpfs options such as size=64m, mode=1777, exec (Docker's --tmpfs data). */
      options?: string[];
    };

/** A namespace shared with the host, joined by path, or the container's own. */
export type NamespaceSetting = 'private' | 'host' | { path: string };

export interface NamespaceSettings {
  /**
   * 'none' (the default): a private network namespace with only loopback.
   * A path joins a namespace; `private: true` says it was made for this
   * container alone (bridge networking), so Docker's network sysctls apply.
   */
  network?: 'none' | 'host' | { path: string; private?: boolean };
  pid?: NamespaceSetting;
  /** 'none' also leaves out /dev/shm, as Docker's --ipc none. */
  ipc?: NamespaceSetting | 'none';
  uts?: NamespaceSetting;
  /** Default 'host', as Docker on cgroup v1 hosts. */
  cgroup?: 'private' | 'host';
}

export interface ThrottleDevice {
  major: number;
  minor: number;
  /** Bytes per second. */
  rate: number;
}

/** Docker's ulimit: -1 means unlimited. */
export interface Ulimit {
  /** Without the RLIMIT_ prefix, lower case: nofile, nproc, core... */
  name: string;
  soft: number;
  hard: number;
}

export interface ResourceSettings {
  /** Bytes; 0 or absent means no limit. */
  memory?: number;
  /** Memory plus swap in bytes; -1 unlimited; absent with memory set means 2 x memory (Docker). */
  memorySwap?: number;
  memoryReservation?: number;
  /** CPUs x 1e9 (--cpus 0.5 = 500000000). */
  nanoCpus?: number;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  /** 0 or negative means unlimited (Docker). */
  pidsLimit?: number;
  /** 10..1000; 0 or absent leaves the default. */
  blkioWeight?: number;
  deviceReadBps?: ThrottleDevice[];
  deviceWriteBps?: ThrottleDevice[];
  ulimits?: Ulimit[];
}

/** 'default' (Docker's profile), 'unconfined' (none), or a custom profile's JSON text in Docker's format. */
export type SeccompSetting = 'default' | 'unconfined' | (string & {});

export interface ContainerRuntimeSettings {
  /** Absolute path of the container's mounted root filesystem. */
  rootfs: string;
  readonlyRootfs?: boolean;
  /** Entrypoint + command, resolved; at least one element. */
  args: string[];
  /** KEY=VALUE from the image and -e; PATH, HOSTNAME and TERM are defaulted as Docker does. */
  env?: string[];
  /** Default "/". */
  cwd?: string;
  /** additionalGids: supplementary groups besides gid (from /etc/group and --group-add). */
  user: { uid: number; gid: number; additionalGids?: number[] };
  hostname?: string;
  domainname?: string;
  tty?: boolean;
  consoleSize?: { height: number; width: number };
  mounts?: RuntimeMount[];
  capAdd?: string[];
  capDrop?: string[];
  privileged?: boolean;
  noNewPrivileges?: boolean;
  /** Default 'default'; ignored (no seccomp) when privileged, as Docker. */
  seccomp?: SeccompSetting;
  /** Host path of the init binary (catatonit) to run as PID 1 (--init). */
  init?: string;
  resources?: ResourceSettings;
  /** Absolute cgroup path, e.g. /cais/<id> (cgroupfs driver). */
  cgroupsPath: string;
  namespaces?: NamespaceSettings;
  /** Replace Docker's masked / read-only paths when given. */
  maskedPaths?: string[];
  readonlyPaths?: string[];
  /** /dev/shm size in bytes; default 64 MiB. */
  shmSize?: number;
  sysctls?: Record<string, string>;
  oomScoreAdj?: number;
  annotations?: Record<string, string>;
  /** Device nodes to create (e.g. the host's devices for a privileged container). */
  devices?: OciDevice[];
}

export type RlimitName =
  | 'as'
  | 'core'
  | 'cpu'
  | 'data'
  | 'fsize'
  | 'locks'
  | 'memlock'
  | 'msgqueue'
  | 'nice'
  | 'nofile'
  | 'nproc'
  | 'rss'
  | 'rtprio'
  | 'rttime'
  | 'sigpending'
  | 'stack';

/** Host facts Docker reads while building a spec; readHostFacts() gathers them once. */
export interface HostFacts {
  /** Node's process.arch. */
  arch: string;
  /** Kernel release, as os.release(). */
  kernelRelease: string;
  /** The daemon's effective capabilities: the most a container can get. */
  capabilities: readonly string[];
  /** The daemon's hard rlimits (RLIM_INFINITY for unlimited): no container rlimit may exceed them. */
  rlimitHard: Partial<Record<RlimitName, number>>;
  /** Extra paths Docker masks when they exist (/sys/devices/system/cpu/cpuN/thermal_throttle). */
  extraMaskedPaths?: readonly string[];
}
