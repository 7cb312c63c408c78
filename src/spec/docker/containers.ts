// Docker Engine API bodies for containers (v1.50 swagger: ContainerConfig,
// HostConfig, ContainerCreateRequest/Response, ContainerSummary,
// ContainerInspectResponse, ContainerState, MountPoint). Field names are the
// wire names. The create body is validated by spec/docker-validate.

/** Docker's ContainerConfig (the portable part of a container's settings). */
export interface DockerContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, object> | null;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  Healthcheck?: HealthConfig | null;
  ArgsEscaped?: boolean | null;
  Image: string;
  Volumes: Record<string, object> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  NetworkDisabled?: boolean | null;
  OnBuild: string[] | null;
  Labels: Record<string, string>;
  StopSignal?: string;
  /** Seconds; absent means the daemon's default (10). */
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

export interface HealthConfig {
  Test?: string[] | null;
  /** Nanoseconds. */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export type RestartPolicyName = '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface RestartPolicy {
  Name: RestartPolicyName;
  MaximumRetryCount: number;
}

export interface ThrottleDevice {
  Path: string;
  Rate: number;
}

export interface WeightDevice {
  Path: string;
  Weight: number;
}

export interface UlimitSetting {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** A --mount entry (HostConfig.Mounts). */
export interface MountSetting {
  /** 'bind', 'volume', 'tmpfs', 'image' ('npipe', 'cluster' elsewhere); others are refused at create. */
  Type: string;
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; CreateMountpoint?: boolean; ReadOnlyNonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; Subpath?: string; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  ImageOptions?: { Subpath?: string };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number; Options?: string[][] };
}

/** Docker's HostConfig with the Resources fields, as stored and as inspect returns it. */
export interface HostConfig {
  Binds: string[] | null;
  ContainerIDFile: string;
  LogConfig: { Type: string; Config: Record<string, string> };
  NetworkMode: string;
  PortBindings: Record<string, PortBinding[] | null>;
  RestartPolicy: RestartPolicy;
  AutoRemove: boolean;
  VolumeDriver: string;
  VolumesFrom: string[] | null;
  ConsoleSize: [number, number];
  Annotations?: Record<string, string> | null;
  CapAdd: string[] | null;
  CapDrop: string[] | null;
  CgroupnsMode: string;
  Dns: string[];
  DnsOptions: string[];
  DnsSearch: string[];
  ExtraHosts: string[] | null;
  GroupAdd: string[] | null;
  IpcMode: string;
  Cgroup: string;
  Links: string[] | null;
  OomScoreAdj: number;
  PidMode: string;
  Privileged: boolean;
  PublishAllPorts: boolean;
  ReadonlyRootfs: boolean;
  SecurityOpt: string[] | null;
  StorageOpt?: Record<string, string> | null;
  Tmpfs?: Record<string, string> | null;
  UTSMode: string;
  UsernsMode: string;
  ShmSize: number;
  Sysctls?: Record<string, string> | null;
  Runtime: string;
  Isolation: string;
  CpuShares: number;
  Memory: number;
  NanoCpus: number;
  CgroupParent: string;
  BlkioWeight: number;
  BlkioWeightDevice: WeightDevice[];
  BlkioDeviceReadBps: ThrottleDevice[];
  BlkioDeviceWriteBps: ThrottleDevice[];
  BlkioDeviceReadIOps: ThrottleDevice[];
  BlkioDeviceWriteIOps: ThrottleDevice[];
  CpuPeriod: number;
  CpuQuota: number;
  CpuRealtimePeriod: number;
  CpuRealtimeRuntime: number;
  CpusetCpus: string;
  CpusetMems: string;
  Devices: DeviceMapping[];
  DeviceCgroupRules: string[] | null;
  DeviceRequests: unknown[] | null;
  MemoryReservation: number;
  MemorySwap: number;
  MemorySwappiness: number | null;
  OomKillDisable: boolean | null;
  /** Absent (null) or <= 0 means unlimited. */
  PidsLimit: number | null;
  Ulimits: UlimitSetting[];
  CpuCount: number;
  CpuPercent: number;
  IOMaximumIOps: number;
  IOMaximumBandwidth: number;
  Mounts?: MountSetting[];
  MaskedPaths: string[] | null;
  ReadonlyPaths: string[] | null;
  /** --init: run an init process as PID 1. */
  Init?: boolean | null;
}

export interface EndpointIpamConfig {
  IPv4Address?: string;
  IPv6Address?: string;
  LinkLocalIPs?: string[] | null;
}

export interface EndpointSettings {
  IPAMConfig?: EndpointIpamConfig | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  MacAddress?: string;
  DriverOpts?: Record<string, string> | null;
  GwPriority?: number;
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  DNSNames?: string[] | null;
}

export interface NetworkingConfig {
  EndpointsConfig: Record<string, EndpointSettings>;
}

/** POST /containers/create, validated: every field filled in with Docker's zero values. */
export interface ContainerCreateRequest {
  Config: DockerContainerConfig;
  HostConfig: HostConfig;
  NetworkingConfig: NetworkingConfig;
}

export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[];
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string>;
  State: ContainerStatus;
  Status: string;
  HostConfig: { NetworkMode: string; Annotations?: Record<string, string> };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  /** RFC 3339; Go's zero time when never started. */
  StartedAt: string;
  FinishedAt: string;
  /** Only for a container started with a healthcheck. */
  Health?: Health;
}

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface HealthcheckResult {
  /** RFC 3339. */
  Start: string;
  End: string;
  /** 0 healthy, 1 unhealthy, -1 the probe could not run or timed out. */
  ExitCode: number;
  Output: string;
}

export interface Health {
  Status: HealthStatus;
  FailingStreak: number;
  /** The last results, oldest first. */
  Log: HealthcheckResult[];
}

export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: { Name: string; Data: Record<string, string> };
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: DockerContainerConfig;
  NetworkSettings: {
    Bridge: string;
    SandboxID: string;
    SandboxKey: string;
    Ports: Record<string, PortBinding[] | null>;
    HairpinMode: boolean;
    LinkLocalIPv6Address: string;
    LinkLocalIPv6PrefixLen: number;
    SecondaryIPAddresses: null;
    SecondaryIPv6Addresses: null;
    EndpointID: string;
    Gateway: string;
    GlobalIPv6Address: string;
    GlobalIPv6PrefixLen: number;
    IPAddress: string;
    IPPrefixLen: number;
    IPv6Gateway: string;
    MacAddress: string;
    Networks: Record<string, EndpointSettings>;
  };
}

export interface ContainerPruneResponse {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** GET /containers/{id}/top: ps's column titles and one row per process. */
export interface ContainerTopResponse {
  Titles: string[];
  Processes: string[][];
}

export interface BlkioStatEntry {
  major: number;
  minor: number;
  op: string;
  value: number;
}

export interface ContainerCpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[]; usage_in_kernelmode: number; usage_in_usermode: number };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

/** GET /containers/{id}/stats: one sample, in moby's shape for cgroup v1. */
export interface ContainerStatsResponse {
  name: string;
  id: string;
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: Record<
    | 'io_service_bytes_recursive'
    | 'io_serviced_recursive'
    | 'io_queue_recursive'
    | 'io_service_time_recursive'
    | 'io_wait_time_recursive'
    | 'io_merged_recursive'
    | 'io_time_recursive'
    | 'sectors_recursive',
    BlkioStatEntry[] | null
  >;
  num_procs: number;
  storage_stats: Record<string, never>;
  cpu_stats: ContainerCpuStats;
  precpu_stats: ContainerCpuStats;
  memory_stats: { usage?: number; max_usage?: number; stats?: Record<string, number>; failcnt?: number; limit?: number };
}

/** POST /containers/{id}/update: the Resources fields and the restart policy. */
export type ContainerUpdateRequest = Partial<
  Pick<
    HostConfig,
    | 'BlkioWeight'
    | 'CpuShares'
    | 'NanoCpus'
    | 'CpuPeriod'
    | 'CpuQuota'
    | 'CpusetCpus'
    | 'CpusetMems'
    | 'Memory'
    | 'MemorySwap'
    | 'MemoryReservation'
    | 'PidsLimit'
    | 'RestartPolicy'
  >
>;

export interface ContainerUpdateResponse {
  Warnings: string[];
}

/** GET /containers/{id}/changes: Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** The X-Docker-Container-Path-Stat header of /containers/{id}/archive (base64 JSON). */
export interface ContainerPathStat {
  name: string;
  size: number;
  /** A Go os.FileMode: permission bits and Go's type and special-bit flags. */
  mode: number;
  /** RFC 3339 with nanoseconds, as Go marshals a time. */
  mtime: string;
  linkTarget: string;
}
