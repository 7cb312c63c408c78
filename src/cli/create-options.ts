// The flags of `create` that shape a container's stored settings, and the
// create body the docker CLI builds from them (cli/command/container/opts.go
// parse), with its messages for bad values.
import { readFileSync } from 'node:fs';
import { StatusError, goFileError } from './errors.js';
import { type FlagSpec, type ParsedFlags, intFlag, keyValues } from './flags.js';
import {
  parseDevice,
  parseMount,
  parseThrottleBps,
  parseUint16,
  parseUlimit,
  securityOpts,
  ulimits,
  validateSysctl,
  volumeFlags,
} from './container-opts.js';
import { goSortedMap } from './go-map.js';
import { isMacAddress } from './go-net.js';
import {
  endpointsConfig,
  parseNetworkAttachment,
  validateDNSSearch,
  validateExtraHost,
  validateIPAddress,
  validateLink,
} from './network-opts.js';
import { checkWith, parseCpus, parseGoDuration, ramInBytes } from './parse-units.js';
import { portFlags } from './port-specs.js';

function validateEnv(value: string): string {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === '') throw new Error(`invalid environment variable: ${value}`);
  return value;
}

const duration = { type: 'string', typeName: 'duration', check: checkWith(parseGoDuration) } as const;
export const memSwap = (text: string): number => (text === '-1' ? -1 : ramInBytes(text));

const network: FlagSpec = { name: 'network', type: 'list', typeName: 'network', usage: 'Connect a container to a network', check: checkWith(parseNetworkAttachment) };
const networkAlias: FlagSpec = { name: 'network-alias', type: 'list', usage: 'Add network-scoped alias for the container' };
const dnsOption: FlagSpec = { name: 'dns-option', type: 'list', usage: 'Set DNS options' };

export const createFlags: FlagSpec[] = [
  { name: 'add-host', type: 'list', usage: 'Add a custom host-to-IP mapping (host:ip)', check: checkWith(validateExtraHost) },
  { name: 'annotation', type: 'list', typeName: 'map', defaultValue: 'map[]', usage: 'Add an annotation to the container (passed through to the OCI runtime)' },
  {
    name: 'blkio-weight',
    type: 'string',
    typeName: 'uint16',
    usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)',
    check: checkWith(parseUint16),
  },
  { name: 'cap-add', type: 'list', usage: 'Add Linux capabilities' },
  { name: 'cap-drop', type: 'list', usage: 'Drop Linux capabilities' },
  { name: 'cidfile', type: 'string', usage: 'Write the container ID to the file' },
  { name: 'cpu-period', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) period' },
  { name: 'cpu-quota', type: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) quota' },
  { name: 'cpu-shares', short: 'c', type: 'int', usage: 'CPU shares (relative weight)' },
  { name: 'cpus', type: 'string', typeName: 'decimal', usage: 'Number of CPUs', check: checkWith(parseCpus) },
  { name: 'cpuset-cpus', type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
  { name: 'cpuset-mems', type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
  { name: 'device', type: 'list', usage: 'Add a host device to the container' },
  { name: 'device-read-bps', type: 'list', defaultValue: '[]', usage: 'Limit read rate (bytes per second) from a device', check: checkWith(parseThrottleBps) },
  { name: 'device-write-bps', type: 'list', defaultValue: '[]', usage: 'Limit write rate (bytes per second) to a device', check: checkWith(parseThrottleBps) },
  { name: 'dns', type: 'list', usage: 'Set custom DNS servers', check: checkWith(validateIPAddress) },
  dnsOption,
  { ...dnsOption, name: 'dns-opt', hidden: true, aliasOf: 'dns-option' },
  { name: 'dns-search', type: 'list', usage: 'Set custom DNS search domains', check: checkWith(validateDNSSearch) },
  { name: 'domainname', type: 'string', usage: 'Container NIS domain name' },
  { name: 'entrypoint', type: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', type: 'list', usage: 'Set environment variables', check: checkWith(validateEnv) },
  { name: 'env-file', type: 'list', usage: 'Read in a file of environment variables' },
  { name: 'expose', type: 'list', usage: 'Expose a port or a range of ports' },
  { name: 'group-add', type: 'list', usage: 'Add additional groups to join' },
  { name: 'health-cmd', type: 'string', usage: 'Command to run to check health' },
  { name: 'health-interval', ...duration, usage: 'Time between running the check (ms|s|m|h) (default 0s)' },
  { name: 'health-retries', type: 'int', usage: 'Consecutive failures needed to report unhealthy' },
  { name: 'health-start-interval', ...duration, usage: 'Time between running the check during the start period (ms|s|m|h) (default 0s)' },
  {
    name: 'health-start-period',
    ...duration,
    usage: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
  },
  { name: 'health-timeout', ...duration, usage: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)' },
  { name: 'hostname', short: 'h', type: 'string', usage: 'Container host name' },
  { name: 'init', type: 'bool', usage: 'Run an init inside the container that forwards signals and reaps processes' },
  { name: 'interactive', short: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'ip', type: 'string', usage: 'IPv4 address (e.g., 172.30.100.104)' },
  { name: 'ip6', type: 'string', usage: 'IPv6 address (e.g., 2001:db8::33)' },
  { name: 'ipc', type: 'string', usage: 'IPC mode to use' },
  { name: 'label', short: 'l', type: 'list', usage: 'Set meta data on a container' },
  { name: 'link', type: 'list', usage: 'Add link to another container', check: checkWith(validateLink) },
  { name: 'link-local-ip', type: 'list', usage: 'Container IPv4/IPv6 link-local addresses' },
  { name: 'log-driver', type: 'string', usage: 'Logging driver for the container' },
  { name: 'log-opt', type: 'list', usage: 'Log driver options' },
  { name: 'mac-address', type: 'string', usage: 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' },
  { name: 'memory', short: 'm', type: 'string', typeName: 'bytes', usage: 'Memory limit', check: checkWith(ramInBytes) },
  { name: 'memory-reservation', type: 'string', typeName: 'bytes', usage: 'Memory soft limit', check: checkWith(ramInBytes) },
  {
    name: 'memory-swap',
    type: 'string',
    typeName: 'bytes',
    usage: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap",
    check: checkWith(memSwap),
  },
  { name: 'mount', type: 'list', typeName: 'mount', usage: 'Attach a filesystem mount to the container', check: checkWith(parseMount) },
  { name: 'name', type: 'string', usage: 'Assign a name to the container' },
  { ...network, name: 'net', hidden: true, aliasOf: 'network' },
  { ...networkAlias, name: 'net-alias', hidden: true, aliasOf: 'network-alias' },
  network,
  networkAlias,
  { name: 'no-healthcheck', type: 'bool', usage: 'Disable any container-specified HEALTHCHECK' },
  { name: 'oom-kill-disable', type: 'bool', usage: 'Disable OOM Killer' },
  { name: 'oom-score-adj', type: 'int', usage: "Tune host's OOM preferences (-1000 to 1000)" },
  { name: 'pid', type: 'string', usage: 'PID namespace to use' },
  { name: 'pids-limit', type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
  { name: 'privileged', type: 'bool', usage: 'Give extended privileges to this container' },
  { name: 'publish', short: 'p', type: 'list', usage: "Publish a container's port(s) to the host" },
  { name: 'publish-all', short: 'P', type: 'bool', usage: 'Publish all exposed ports to random ports' },
  { name: 'pull', type: 'string', usage: 'Pull image before creating ("always", "|missing", "never")', defaultValue: 'missing' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress the pull output' },
  { name: 'read-only', type: 'bool', usage: "Mount the container's root filesystem as read only" },
  { name: 'restart', type: 'string', usage: 'Restart policy to apply when a container exits', defaultValue: 'no' },
  { name: 'rm', type: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'runtime', type: 'string', usage: 'Runtime to use for this container' },
  { name: 'security-opt', type: 'list', usage: 'Security Options' },
  { name: 'shm-size', type: 'string', typeName: 'bytes', usage: 'Size of /dev/shm', check: checkWith(ramInBytes) },
  { name: 'stop-signal', type: 'string', usage: 'Signal to stop the container' },
  { name: 'stop-timeout', type: 'int', usage: 'Timeout (in seconds) to stop a container' },
  { name: 'sysctl', type: 'list', typeName: 'map', defaultValue: 'map[]', usage: 'Sysctl options', check: checkWith(validateSysctl) },
  { name: 'tmpfs', type: 'list', usage: 'Mount a tmpfs directory' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'ulimit', type: 'list', typeName: 'ulimit', defaultValue: '[]', usage: 'Ulimit options', check: checkWith(parseUlimit) },
  { name: 'user', short: 'u', type: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'userns', type: 'string', usage: 'User namespace to use' },
  { name: 'uts', type: 'string', usage: 'UTS namespace to use' },
  { name: 'volume', short: 'v', type: 'list', usage: 'Bind mount a volume' },
  { name: 'volumes-from', type: 'list', usage: 'Mount volumes from the specified container(s)' },
  { name: 'workdir', short: 'w', type: 'string', usage: 'Working directory inside the container' },
];

/** docker exec's flags (cli/command/container/exec.go). */
export const execFlags: FlagSpec[] = [
  { name: 'detach', short: 'd', type: 'bool', usage: 'Detached mode: run command in the background' },
  { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' },
  { name: 'env', short: 'e', type: 'list', usage: 'Set environment variables', check: checkWith(validateEnv) },
  { name: 'env-file', type: 'list', usage: 'Read in a file of environment variables' },
  { name: 'interactive', short: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'privileged', type: 'bool', usage: 'Give extended privileges to the command' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', type: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
  { name: 'workdir', short: 'w', type: 'string', usage: 'Working directory inside the container' },
];

/** opts.ParseEnvFile. */
export function readEnvFile(path: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw goFileError(err, 'open', path);
  }
  const out: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const variable = (eq < 0 ? line : line.slice(0, eq)).replace(/^[ \t\n\v\f\r]+/, '');
    if (/[ \t\n\v\f\r]/.test(variable)) throw new Error(`poorly formatted environment: variable '${variable}' contains whitespaces`);
    if (variable === '') throw new Error(`poorly formatted environment: no variable name on line '${line}'`);
    if (eq >= 0) out.push(`${variable}=${line.slice(eq + 1)}`);
    else if (env[variable] !== undefined) out.push(`${variable}=${env[variable]}`);
  }
  return out;
}

/** opts.ParseRestartPolicy. */
export function restartPolicy(text: string): { Name: string; MaximumRetryCount: number } {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const count = colon < 0 ? '' : text.slice(colon + 1);
  if (colon >= 0 && name === '') throw new Error('invalid restart policy format: no policy provided before colon');
  if (count !== '' && !/^[-+]?[0-9]+$/.test(count)) throw new Error('invalid restart policy format: maximum retry count must be an integer');
  return { Name: name, MaximumRetryCount: count === '' ? 0 : Number(count) };
}

/** -e values: a bare name takes its value from the environment, when set there. */
export function envValue(value: string, env: NodeJS.ProcessEnv): string {
  if (value.includes('=')) return value;
  return env[value] !== undefined ? `${value}=${env[value]}` : value;
}

/** opts' normalizeCapability: upper case with the CAP_ prefix, except ALL; no duplicates; null when none, as docker sends it. */
function capabilities(values: string[]): string[] | null {
  if (values.length === 0) return null;
  const caps = values.map((c) => c.trim().toUpperCase()).map((c) => (c === 'ALL' || c.startsWith('CAP_') ? c : `CAP_${c}`));
  return [...new Set(caps)];
}

/** A repeatable flag's values as Go's ListOpts.GetSlice gives them: null when none. */
function orNull(values: string[]): string[] | null {
  return values.length > 0 ? values : null;
}

/** Go's encoding/json leaves an empty map out of a field tagged omitempty. */
function omitEmpty(name: string, map: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(map).length > 0 ? { [name]: map } : {};
}

const namespaceModes: [flag: string, name: string, valid: (mode: string) => boolean][] = [
  ['pid', 'PID', (m) => m === '' || m === 'host' || /^container:./.test(m)],
  ['uts', 'UTS', (m) => m === '' || m === 'host'],
  ['userns', 'USER', (m) => m === '' || m === 'host'],
];

/** --health-* and --no-healthcheck: Config.Healthcheck (durations in nanoseconds, zero values left out). */
function healthcheck(flags: ParsedFlags): Record<string, unknown> | undefined {
  const str = (name: string): string => flags.values.get(name) as string;
  const nanos = (name: string): number => (str(name) === '' ? 0 : parseGoDuration(str(name)));
  const durations = ['interval', 'timeout', 'start-period', 'start-interval'].map((d) => [d, nanos(`health-${d}`)] as const);
  const retries = intFlag(flags, 'health-retries');
  const any = str('health-cmd') !== '' || retries !== 0 || durations.some(([, n]) => n !== 0);
  if (flags.values.get('no-healthcheck') === true) {
    if (any) throw new Error('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!any) return undefined;
  for (const [name, n] of [...durations, ['retries', retries] as const]) {
    if (n < 0) throw new Error(`--health-${name} cannot be negative`);
  }
  const fields: [string, number][] = [
    ['Interval', durations[0]![1]],
    ['Timeout', durations[1]![1]],
    ['StartPeriod', durations[2]![1]],
    ['StartInterval', durations[3]![1]],
    ['Retries', retries],
  ];
  return {
    ...(str('health-cmd') !== '' ? { Test: ['CMD-SHELL', str('health-cmd')] } : {}),
    ...Object.fromEntries(fields.filter(([, n]) => n !== 0)),
  };
}

export interface CreateRequest {
  name: string;
  image: string;
  platform: string;
  pull: string;
  quiet: boolean;
  cidfile: string;
  /** The --dns servers, as sent. */
  dns: string[];
  body: Record<string, unknown>;
}

/** docker's validatePullOpt. */
function validatePull(pull: string): void {
  if (!['always', 'missing', 'never', ''].includes(pull)) throw new Error(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
}

/**
 * The create body for `create IMAGE [COMMAND] [ARG...]`, field for field as
 * docker 28 sends it (Go's JSON of container.Config, HostConfig and
 * NetworkingConfig: nil slices as null, omitempty fields left out); a
 * StatusError (125, docker's wording) for a bad value.
 */
export function createRequest(flags: ParsedFlags, env: NodeJS.ProcessEnv, fail: (message: string) => StatusError): CreateRequest {
  try {
    return buildRequest(flags, env);
  } catch (err) {
    throw fail((err as Error).message);
  }
}

function buildRequest(flags: ParsedFlags, env: NodeJS.ProcessEnv): CreateRequest {
  const v = flags.values;
  const str = (name: string): string => v.get(name) as string;
  const list = (name: string): string[] => v.get(name) as string[];
  const bool = (name: string): boolean => v.get(name) === true;
  const int = (name: string): number => intFlag(flags, name);
  const bytes = (name: string, parse = ramInBytes): number => (str(name) === '' ? 0 : parse(str(name)));
  const [image = '', ...command] = flags.args;
  validatePull(str('pull'));
  const mac = str('mac-address');
  if (mac !== '' && !isMacAddress(mac.trim())) throw new Error(`${mac} is not a valid mac address`);
  const { binds, volumes } = volumeFlags(list('volume'));
  const tmpfs: Record<string, string> = {};
  for (const t of list('tmpfs')) {
    const colon = t.indexOf(':');
    tmpfs[colon < 0 ? t : t.slice(0, colon)] = colon < 0 ? '' : t.slice(colon + 1);
  }
  const ports = portFlags(list('publish'), list('expose'));
  const devices = list('device').map(parseDevice);
  const envs = [...list('env-file').flatMap((file) => readEnvFile(file, env)), ...list('env').map((e) => envValue(e, env))];
  for (const [flag, name, valid] of namespaceModes) {
    if (!valid(str(flag))) throw new Error(`--${flag}: invalid ${name} mode`);
  }
  const restart = restartPolicy(str('restart'));
  if (str('log-driver') === 'none' && list('log-opt').length > 0) throw new Error('invalid logging opts for driver none');
  const security = securityOpts(list('security-opt'));
  // systempaths=unconfined is the CLI's own: it sends empty masked and read-only path lists instead.
  const unconfinedPaths = security.includes('systempaths=unconfined');
  const health = healthcheck(flags);
  if (bool('rm') && restart.Name !== 'no' && restart.Name !== '') throw new Error('conflicting options: cannot specify both --restart and --rm');
  const mounts = list('mount').map((m) => parseMount(m));
  const dns = list('dns').map(validateIPAddress);
  const networks = list('network').map(parseNetworkAttachment);
  const endpoints = endpointsConfig({
    networks,
    aliases: list('network-alias'),
    links: list('link'),
    ipv4: str('ip'),
    ipv6: str('ip6'),
    macAddress: mac,
    linkLocalIPs: list('link-local-ip'),
  });
  const entrypoint = flags.changed.has('entrypoint') ? [str('entrypoint')] : null;
  const body: Record<string, unknown> = {
    Hostname: str('hostname'),
    Domainname: str('domainname'),
    User: str('user'),
    // Without -a docker attaches stdout and stderr, and stdin (once) with -i.
    AttachStdin: bool('interactive'),
    AttachStdout: true,
    AttachStderr: true,
    ...omitEmpty('ExposedPorts', ports.exposed),
    Tty: bool('tty'),
    OpenStdin: bool('interactive'),
    StdinOnce: bool('interactive'),
    Env: orNull(envs),
    Cmd: command.length > 0 ? command : null,
    ...(health ? { Healthcheck: health } : {}),
    Image: image,
    Volumes: volumes,
    WorkingDir: str('workdir'),
    Entrypoint: entrypoint,
    OnBuild: null,
    Labels: goSortedMap(keyValues(list('label'))),
    ...(str('stop-signal') !== '' ? { StopSignal: str('stop-signal') } : {}),
    ...(flags.changed.has('stop-timeout') ? { StopTimeout: int('stop-timeout') } : {}),
    HostConfig: {
      Binds: orNull(binds),
      ContainerIDFile: str('cidfile'),
      LogConfig: { Type: str('log-driver'), Config: goSortedMap(keyValues(list('log-opt'))) },
      NetworkMode: networks[0]?.target ?? 'default',
      PortBindings: ports.bindings,
      RestartPolicy: restart,
      AutoRemove: bool('rm'),
      VolumeDriver: '',
      VolumesFrom: orNull(list('volumes-from')),
      ConsoleSize: [0, 0],
      ...omitEmpty('Annotations', goSortedMap(keyValues(list('annotation')))),
      CapAdd: capabilities(list('cap-add')),
      CapDrop: capabilities(list('cap-drop')),
      CgroupnsMode: '',
      Dns: dns,
      DnsOptions: list('dns-option'),
      DnsSearch: list('dns-search').map(validateDNSSearch),
      ExtraHosts: orNull(list('add-host').map(validateExtraHost)),
      GroupAdd: orNull(list('group-add')),
      IpcMode: str('ipc'),
      Cgroup: '',
      Links: orNull(list('link')),
      OomScoreAdj: int('oom-score-adj'),
      PidMode: str('pid'),
      Privileged: bool('privileged'),
      PublishAllPorts: bool('publish-all'),
      ReadonlyRootfs: bool('read-only'),
      SecurityOpt: orNull(security.filter((o) => o !== 'systempaths=unconfined')),
      ...omitEmpty('Tmpfs', goSortedMap(tmpfs)),
      UTSMode: str('uts'),
      UsernsMode: str('userns'),
      ShmSize: bytes('shm-size'),
      ...omitEmpty('Sysctls', goSortedMap(keyValues(list('sysctl')))),
      ...(str('runtime') !== '' ? { Runtime: str('runtime') } : {}),
      Isolation: '',
      CpuShares: int('cpu-shares'),
      Memory: bytes('memory'),
      NanoCpus: str('cpus') === '' ? 0 : parseCpus(str('cpus')),
      CgroupParent: '',
      BlkioWeight: str('blkio-weight') === '' ? 0 : parseUint16(str('blkio-weight')),
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: list('device-read-bps').map(parseThrottleBps),
      BlkioDeviceWriteBps: list('device-write-bps').map(parseThrottleBps),
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      CpuPeriod: int('cpu-period'),
      CpuQuota: int('cpu-quota'),
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: str('cpuset-cpus'),
      CpusetMems: str('cpuset-mems'),
      Devices: devices,
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemoryReservation: bytes('memory-reservation'),
      MemorySwap: bytes('memory-swap', memSwap),
      MemorySwappiness: -1,
      OomKillDisable: bool('oom-kill-disable'),
      PidsLimit: int('pids-limit'),
      Ulimits: ulimits(list('ulimit')),
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      ...(mounts.length > 0 ? { Mounts: mounts } : {}),
      MaskedPaths: unconfinedPaths ? [] : null,
      ReadonlyPaths: unconfinedPaths ? [] : null,
      ...(flags.changed.has('init') ? { Init: bool('init') } : {}),
    },
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
  return { name: str('name'), image, platform: str('platform') || (env.DOCKER_DEFAULT_PLATFORM ?? ''), pull: str('pull'), quiet: bool('quiet'), cidfile: str('cidfile'), dns, body };
}
