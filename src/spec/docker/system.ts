// Docker Engine API bodies for system endpoints (/version, /info, /system/df)
// and the JSON progress messages of streaming endpoints.
import type { ContainerSummary } from './containers.js';
import type { ImageSummary } from './images.js';
import type { Volume } from './volumes.js';
import type { BuildCacheRecord } from './build.js';

export interface ComponentVersion {
  Name: string;
  Version: string;
  Details?: Record<string, string>;
}

export interface SystemVersion {
  Platform: { Name: string };
  Components: ComponentVersion[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  BuildTime: string;
  Experimental?: boolean;
}

/** SwarmInfo: cais is never part of a swarm. */
export interface SwarmInfo {
  LocalNodeState: '' | 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  NodeID: string;
  NodeAddr: string;
  ControlAvailable: boolean;
  Error: string;
  RemoteManagers: { NodeID: string; Addr: string }[] | null;
}

/** PluginsInfo: the names of the drivers of each kind. */
export interface PluginsInfo {
  Volume: string[];
  Network: string[];
  Authorization: string[];
  Log: string[];
}

/** The subset of Docker's SystemInfo that cais fills in (the docker CLI reads the rest as zero values). */
export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DriverStatus: [string, string][];
  DockerRootDir: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  KernelVersion: string;
  NCPU: number;
  MemTotal: number;
  Name: string;
  ServerVersion: string;
  LoggingDriver: string;
  CgroupDriver: 'cgroupfs' | 'systemd' | 'none';
  CgroupVersion: '1' | '2';
  Plugins: PluginsInfo;
  Swarm: SwarmInfo;
  Runtimes: Record<string, { path: string }>;
  DefaultRuntime: string;
  SecurityOptions: string[];
  [key: string]: unknown;
}

export interface SystemDataUsage {
  LayersSize: number;
  Images: ImageSummary[];
  Containers: ContainerSummary[];
  Volumes: Volume[];
  BuildCache: BuildCacheRecord[];
}

/** One line of a streaming JSON response (pull, push, load, import, build). */
export interface JsonMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  aux?: unknown;
  error?: string;
  errorDetail?: { code?: number; message: string };
}
