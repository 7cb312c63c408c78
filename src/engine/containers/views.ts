// A container as the API shows it: the list entry (ContainerSummary) and
// inspect's document (ContainerInspectResponse), from its stored record.
import type { ContainerInspect, ContainerSummary, DockerContainerConfig, EndpointSettings, MountPoint } from '../../spec/index.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerLayout } from './layout.js';
import { statusText } from './status-text.js';

const zeroTime = '0001-01-01T00:00:00Z';

export interface Sizes {
  rw: number;
  rootFs: number;
}

function isoTime(ms: number | null): string {
  return ms === null ? zeroTime : new Date(ms).toISOString();
}

/** moby's list Command: the path and the arguments, those with spaces in single quotes. */
function commandLine(path: string, args: string[]): string {
  if (args.length === 0) return path;
  return `${path} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

function endpoint(): EndpointSettings {
  return {
    IPAMConfig: null, MacAddress: '', DriverOpts: null, GwPriority: 0, NetworkID: '', EndpointID: '', Gateway: '',
    IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
  };
}

function networks(c: ContainerRecord): Record<string, EndpointSettings> {
  return { [c.settings.HostConfig.NetworkMode]: endpoint() };
}

/** `image` is what the list shows: the name it was created with while that still names its image, else the id. */
/** Inspect's and ps's Mounts: every mount point but --tmpfs ones; a volume's source is its data directory. */
function mountViews(c: ContainerRecord, volumePath: (name: string) => string): MountPoint[] {
  return c.settings.MountPoints.filter((m) => m.Origin !== 'tmpfs').map((m) => ({
    Type: m.Type,
    ...(m.Type === 'volume' ? { Name: m.Name } : {}),
    Source: m.Type === 'volume' ? volumePath(m.Name) : m.Source,
    Destination: m.Destination,
    ...(m.Type === 'volume' ? { Driver: m.Driver } : {}),
    Mode: m.Mode,
    RW: m.RW,
    Propagation: m.Propagation,
  }));
}

export function containerSummary(c: ContainerRecord, image: string, now: number, volumePath: (name: string) => string, sizes?: Sizes): ContainerSummary {
  const s = c.settings;
  return {
    Id: c.id,
    Names: [c.name],
    Image: image,
    ImageID: c.imageId,
    Command: commandLine(s.Path, s.Args),
    Created: Math.floor(c.created / 1000),
    Ports: [],
    ...(sizes ? { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs } : {}),
    Labels: s.Config.Labels,
    State: c.state.status,
    Status: statusText(c.state, now, c.health),
    HostConfig: { NetworkMode: s.HostConfig.NetworkMode },
    NetworkSettings: { Networks: networks(c) },
    Mounts: mountViews(c, volumePath),
  };
}

// A summary's JSON around its Status (the only part that changes with time),
// kept per record: records are replaced, never changed, on every write.
const statusMark = '\u0000cais-status\u0000';
const summaryJson = new WeakMap<ContainerRecord, { image: string; head: string; tail: string }>();

export function containerSummaryJson(c: ContainerRecord, image: string, now: number, volumePath: (name: string) => string): string {
  let parts = summaryJson.get(c);
  if (parts === undefined || parts.image !== image) {
    const json = JSON.stringify({ ...containerSummary(c, image, now, volumePath), Status: statusMark });
    const at = json.indexOf(JSON.stringify(statusMark));
    parts = { image, head: json.slice(0, at), tail: json.slice(at + JSON.stringify(statusMark).length) };
    summaryJson.set(c, parts);
  }
  return parts.head + JSON.stringify(statusText(c.state, now, c.health)) + parts.tail;
}

// Fields Go leaves out of ContainerConfig's JSON when empty (omitempty).
const omitEmpty = ['ExposedPorts', 'Healthcheck', 'ArgsEscaped', 'NetworkDisabled', 'StopSignal', 'StopTimeout', 'Shell'] as const;

function configView(config: DockerContainerConfig): DockerContainerConfig {
  const out = { ...config };
  for (const key of omitEmpty) {
    const value = out[key];
    if (value === null || value === undefined || value === '' || value === false) delete out[key];
  }
  return out;
}

export function containerInspect(
  c: ContainerRecord,
  layout: ContainerLayout,
  lowerDirs: string[],
  volumePath: (name: string) => string,
  sizes?: Sizes,
): ContainerInspect {
  const s = c.settings;
  const st = c.state;
  return {
    Id: c.id,
    Created: isoTime(c.created),
    Path: s.Path,
    Args: s.Args,
    State: {
      Status: st.status,
      Running: st.status === 'running' || st.status === 'paused' || st.status === 'restarting',
      Paused: st.status === 'paused',
      Restarting: st.status === 'restarting',
      OOMKilled: st.oomKilled,
      Dead: st.status === 'dead',
      Pid: st.pid,
      ExitCode: st.exitCode,
      Error: st.error,
      StartedAt: isoTime(st.startedAt),
      FinishedAt: isoTime(st.finishedAt),
      ...(c.health !== null ? { Health: c.health } : {}),
    },
    Image: c.imageId,
    ResolvConfPath: st.startedAt === null ? '' : `${layout.bundle(c.id)}/resolv.conf`,
    HostnamePath: st.startedAt === null ? '' : `${layout.bundle(c.id)}/hostname`,
    HostsPath: st.startedAt === null ? '' : `${layout.bundle(c.id)}/hosts`,
    LogPath: layout.log(c.id),
    Name: c.name,
    RestartCount: st.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: s.HostConfig,
    GraphDriver: {
      Name: 'overlay2',
      Data: {
        ...(lowerDirs.length > 0 ? { LowerDir: lowerDirs.join(':') } : {}),
        MergedDir: layout.merged(c.id),
        UpperDir: layout.upper(c.id),
        WorkDir: layout.work(c.id),
      },
    },
    ...(sizes ? { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs } : {}),
    Mounts: mountViews(c, volumePath),
    Config: configView(s.Config),
    NetworkSettings: {
      Bridge: '',
      SandboxID: '',
      SandboxKey: '',
      Ports: {},
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: '',
      Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: '',
      IPPrefixLen: 0,
      IPv6Gateway: '',
      MacAddress: '',
      Networks: networks(c),
    },
  };
}
