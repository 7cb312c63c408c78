// A container as the API shows it: the list entry (ContainerSummary) and
// inspect's document (ContainerInspectResponse), from its stored record.
import type { Networking, SandboxRecord } from '../../network/index.js';
import type { ContainerInspect, ContainerSummary, DockerContainerConfig, MountPoint } from '../../spec/index.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerLayout } from './layout.js';
import { endpointViews, networkSettings, summaryPorts } from './network-views.js';
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

/** What views look up besides the record: volume paths and networks. */
export interface ViewLookups {
  volumePath: (name: string) => string;
  networks: Networking;
}

export function containerSummary(c: ContainerRecord, image: string, now: number, lookups: ViewLookups, sizes?: Sizes): ContainerSummary {
  const s = c.settings;
  return {
    Id: c.id,
    Names: [c.name],
    Image: image,
    ImageID: c.imageId,
    Command: commandLine(s.Path, s.Args),
    Created: Math.floor(c.created / 1000),
    Ports: summaryPorts(c, lookups.networks),
    ...(sizes ? { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs } : {}),
    Labels: s.Config.Labels,
    State: c.state.status,
    Status: statusText(c.state, now, c.health),
    HostConfig: { NetworkMode: s.HostConfig.NetworkMode },
    NetworkSettings: { Networks: endpointViews(c, lookups.networks) },
    Mounts: mountViews(c, lookups.volumePath),
  };
}

// A summary's JSON around its Status (the only part that changes with time),
// kept per record: records are replaced, never changed, on every write.
const statusMark = '\u0000cais-status\u0000';
// The sandbox is part of the key: connect and disconnect change it, not the record.
const summaryJson = new WeakMap<ContainerRecord, { image: string; sandbox: SandboxRecord | undefined; head: string; tail: string }>();

export function containerSummaryJson(c: ContainerRecord, image: string, now: number, lookups: ViewLookups): string {
  let parts = summaryJson.get(c);
  const sandbox = lookups.networks.sandbox(c.id);
  if (parts === undefined || parts.image !== image || parts.sandbox !== sandbox) {
    const json = JSON.stringify({ ...containerSummary(c, image, now, lookups), Status: statusMark });
    const at = json.indexOf(JSON.stringify(statusMark));
    parts = { image, sandbox, head: json.slice(0, at), tail: json.slice(at + JSON.stringify(statusMark).length) };
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
  lookups: ViewLookups,
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
    Mounts: mountViews(c, lookups.volumePath),
    Config: configView(s.Config),
    NetworkSettings: networkSettings(c, lookups.networks),
  };
}
