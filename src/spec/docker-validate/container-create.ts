// The body of POST /containers/create, validated at the edge: the shape with
// zod (Go's JSON decoding: unknown fields ignored, null as the zero value),
// then every field filled in with Docker's zero values, so the engine works
// with complete settings.
import { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';
import { decodeError } from './go-json.js';
import { endpointSettings } from './network.js';
import type { ContainerCreateRequest, HostConfig } from '../docker/index.js';

const str = z.string().nullish().transform((v) => v ?? '');
const bool = z.boolean().nullish().transform((v) => v ?? false);
const int = z.number().int().nullish().transform((v) => v ?? 0);
const strings = z.array(z.string()).nullish().transform((v) => v ?? null);
const stringMap = z.record(z.string(), z.string()).nullish().transform((v) => v ?? null);
const stringSet = z.record(z.string(), z.object({}).passthrough()).nullish().transform((v) => v ?? null);
const throttle = z.array(z.object({ Path: str, Rate: int })).nullish().transform((v) => v ?? []);

const healthcheck = z.object({
  Test: strings,
  Interval: int,
  Timeout: int,
  StartPeriod: int,
  StartInterval: int,
  Retries: int,
});

const config = {
  Hostname: str,
  Domainname: str,
  User: str,
  AttachStdin: bool,
  AttachStdout: bool,
  AttachStderr: bool,
  ExposedPorts: stringSet,
  Tty: bool,
  OpenStdin: bool,
  StdinOnce: bool,
  Env: strings,
  Cmd: strings,
  Healthcheck: healthcheck.nullish().transform((v) => v ?? null),
  ArgsEscaped: z.boolean().nullish().transform((v) => v ?? null),
  Image: str,
  Volumes: stringSet,
  WorkingDir: str,
  Entrypoint: strings,
  NetworkDisabled: z.boolean().nullish().transform((v) => v ?? null),
  OnBuild: strings,
  Labels: z.record(z.string(), z.string()).nullish().transform((v) => v ?? {}),
  StopSignal: str,
  StopTimeout: z.number().int().nullish().transform((v) => v ?? null),
  Shell: strings,
};

const mount = z
  .object({
    // Any type and no target decode; the daemon refuses them as moby does ("mount type unknown", "field Target must not be empty").
    Type: z.string(),
    Source: z.string().optional(),
    Target: str,
    ReadOnly: z.boolean().optional(),
    Consistency: z.string().optional(),
    BindOptions: z.object({}).passthrough().optional(),
    VolumeOptions: z.object({}).passthrough().optional(),
    ImageOptions: z.object({}).passthrough().optional(),
    TmpfsOptions: z.object({}).passthrough().optional(),
  })
  .passthrough();

const hostConfig = z.object({
  Binds: strings,
  ContainerIDFile: str,
  LogConfig: z
    .object({ Type: str, Config: z.record(z.string(), z.string()).nullish().transform((v) => v ?? {}) })
    .nullish()
    .transform((v) => v ?? { Type: '', Config: {} }),
  NetworkMode: str,
  PortBindings: z
    .record(z.string(), z.array(z.object({ HostIp: str, HostPort: str })).nullable())
    .nullish()
    .transform((v) => v ?? {}),
  RestartPolicy: z
    .object({ Name: str, MaximumRetryCount: int })
    .nullish()
    .transform((v) => v ?? { Name: '', MaximumRetryCount: 0 }),
  AutoRemove: bool,
  VolumeDriver: str,
  VolumesFrom: strings,
  ConsoleSize: z
    .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
    .nullish()
    .transform((v): [number, number] => v ?? [0, 0]),
  Annotations: stringMap,
  CapAdd: strings,
  CapDrop: strings,
  CgroupnsMode: str,
  Dns: z.array(z.string()).nullish().transform((v) => v ?? []),
  DnsOptions: z.array(z.string()).nullish().transform((v) => v ?? []),
  DnsSearch: z.array(z.string()).nullish().transform((v) => v ?? []),
  ExtraHosts: strings,
  GroupAdd: strings,
  IpcMode: str,
  Cgroup: str,
  Links: strings,
  OomScoreAdj: int,
  PidMode: str,
  Privileged: bool,
  PublishAllPorts: bool,
  ReadonlyRootfs: bool,
  SecurityOpt: strings,
  StorageOpt: stringMap,
  Tmpfs: stringMap,
  UTSMode: str,
  UsernsMode: str,
  ShmSize: int,
  Sysctls: stringMap,
  Runtime: str,
  Isolation: str,
  CpuShares: int,
  Memory: int,
  NanoCpus: int,
  CgroupParent: str,
  BlkioWeight: int,
  BlkioWeightDevice: z.array(z.object({ Path: str, Weight: int })).nullish().transform((v) => v ?? []),
  BlkioDeviceReadBps: throttle,
  BlkioDeviceWriteBps: throttle,
  BlkioDeviceReadIOps: throttle,
  BlkioDeviceWriteIOps: throttle,
  CpuPeriod: int,
  CpuQuota: int,
  CpuRealtimePeriod: int,
  CpuRealtimeRuntime: int,
  CpusetCpus: str,
  CpusetMems: str,
  Devices: z
    .array(z.object({ PathOnHost: str, PathInContainer: str, CgroupPermissions: str }))
    .nullish()
    .transform((v) => v ?? []),
  DeviceCgroupRules: strings,
  DeviceRequests: z.array(z.unknown()).nullish().transform((v) => v ?? null),
  MemoryReservation: int,
  MemorySwap: int,
  MemorySwappiness: z.number().int().nullish().transform((v) => v ?? null),
  OomKillDisable: z.boolean().nullish().transform((v) => v ?? null),
  PidsLimit: z.number().int().nullish().transform((v) => v ?? null),
  Ulimits: z.array(z.object({ Name: str, Soft: int, Hard: int })).nullish().transform((v) => v ?? []),
  CpuCount: int,
  CpuPercent: int,
  IOMaximumIOps: int,
  IOMaximumBandwidth: int,
  Mounts: z.array(mount).nullish().transform((v) => v ?? undefined),
  MaskedPaths: strings,
  ReadonlyPaths: strings,
  Init: z.boolean().nullish().transform((v) => v ?? null),
});

const endpoint = endpointSettings;

const createBody = z.object({
  ...config,
  HostConfig: hostConfig.nullish(),
  NetworkingConfig: z
    .object({ EndpointsConfig: z.record(z.string(), endpoint).nullish().transform((v) => v ?? {}) })
    .nullish()
    .transform((v) => v ?? { EndpointsConfig: {} }),
});

/** Validates the decoded JSON of a create request; InvalidArgument with Go's wording when the shape is wrong. */
export function parseContainerCreate(body: unknown): ContainerCreateRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgument('invalid JSON: json: cannot unmarshal into Go value of type container.CreateRequest');
  }
  const parsed = createBody.safeParse(body);
  if (!parsed.success) throw decodeError(parsed.error.issues[0]!);
  const { HostConfig: host, NetworkingConfig, ...rest } = parsed.data;
  return {
    Config: { ...rest, StopSignal: rest.StopSignal || undefined },
    HostConfig: (host ?? hostConfig.parse({})) as HostConfig,
    NetworkingConfig: NetworkingConfig,
  };
}
