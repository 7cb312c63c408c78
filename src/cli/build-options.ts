// The flags of `cais build` (docker 28's classic builder, plus BuildKit's
// --progress) and the query of POST /build that the docker CLI makes of
// them (imageBuildOptions, then the client's imageBuildOptionsToQuery):
// only what differs from the daemon's defaults, maps as Go's encoding/json
// writes them.
import { FlagError, type FlagSpec, type ParsedFlags, checkLabel, intFlag, keyValues } from './flags.js';
import { ulimits, parseUlimit } from './container-opts.js';
import { memSwap } from './create-options.js';
import { compareStrings, jsonString } from './format/go-value.js';
import { validateExtraHost } from './network-opts.js';
import { checkWith, ramInBytes } from './parse-units.js';

/** opts.ValidateEnv for --build-arg: a bare name takes its value from the environment, when it has one. */
export function buildArg(value: string, env: NodeJS.ProcessEnv = process.env): string {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === '') throw new Error(`invalid environment variable: ${value}`);
  if (eq >= 0) return value;
  const fromEnv = env[key];
  return fromEnv === undefined ? value : `${key}=${fromEnv}`;
}

/**
 * build's validateTag, a name the reference parser takes: checked when the
 * command runs (with the message pflag gives a bad value), so that the
 * command table does not load the reference parser for every command.
 */
export async function checkTags(tags: string[]): Promise<void> {
  const { parseNormalizedNamed } = await import('../spec/reference/index.js');
  for (const tag of tags) {
    try {
      parseNormalizedNamed(tag);
    } catch (err) {
      throw new FlagError(`invalid argument ${JSON.stringify(tag)} for "-t, --tag" flag: ${(err as Error).message}`);
    }
  }
}

export const progressModes = ['auto', 'plain', 'tty'];

export const buildFlags: FlagSpec[] = [
  { name: 'add-host', type: 'list', usage: 'Add a custom host-to-IP mapping ("host:ip")', check: checkWith(validateExtraHost) },
  { name: 'build-arg', type: 'list', usage: 'Set build-time variables', check: checkWith((v) => buildArg(v)) },
  { name: 'cache-from', type: 'strings', usage: 'Images to consider as cache sources' },
  { name: 'cgroup-parent', type: 'string', usage: 'Set the parent cgroup for the "RUN" instructions during build' },
  { name: 'compress', type: 'bool', usage: 'Compress the build context using gzip' },
  { name: 'cpu-period', type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) period' },
  { name: 'cpu-quota', type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) quota' },
  { name: 'cpu-shares', short: 'c', type: 'int', usage: 'CPU shares (relative weight)' },
  { name: 'cpuset-cpus', type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
  { name: 'cpuset-mems', type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
  { name: 'disable-content-trust', type: 'bool', usage: 'Skip image verification', defaultValue: true },
  { name: 'file', short: 'f', type: 'string', usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
  { name: 'force-rm', type: 'bool', usage: 'Always remove intermediate containers' },
  { name: 'iidfile', type: 'string', usage: 'Write the image ID to the file' },
  { name: 'isolation', type: 'string', usage: 'Container isolation technology' },
  { name: 'label', type: 'list', usage: 'Set metadata for an image', check: checkLabel },
  { name: 'memory', short: 'm', type: 'string', typeName: 'bytes', usage: 'Memory limit', check: checkWith(ramInBytes) },
  { name: 'memory-swap', type: 'string', typeName: 'bytes', usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap', check: checkWith(memSwap) },
  { name: 'network', type: 'string', usage: 'Set the networking mode for the RUN instructions during build', defaultValue: 'default' },
  { name: 'no-cache', type: 'bool', usage: 'Do not use cache when building the image' },
  { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
  {
    name: 'progress',
    type: 'string',
    usage: 'Set type of progress output ("auto", "plain", "tty"). Use plain to show container output',
    defaultValue: 'auto',
    check: (raw) => (progressModes.includes(raw) ? undefined : `invalid progress mode (use ${progressModes.join(', ')})`),
  },
  { name: 'pull', type: 'bool', usage: 'Always attempt to pull a newer version of the image' },
  { name: 'quiet', short: 'q', type: 'bool', usage: 'Suppress the build output and print image ID on success' },
  { name: 'rm', type: 'bool', usage: 'Remove intermediate containers after a successful build', defaultValue: true },
  { name: 'security-opt', type: 'strings', usage: 'Security options' },
  { name: 'shm-size', type: 'string', typeName: 'bytes', usage: 'Size of "/dev/shm"', check: checkWith(ramInBytes) },
  { name: 'squash', type: 'bool', usage: 'Squash newly built layers into a single new layer' },
  { name: 'tag', short: 't', type: 'list', usage: 'Name and optionally a tag in the "name:tag" format' },
  { name: 'target', type: 'string', usage: 'Set the target build stage to build.' },
  { name: 'ulimit', type: 'list', typeName: 'ulimit', usage: 'Ulimit options', defaultValue: '[]', check: checkWith(parseUlimit) },
];

/** A map as Go's json.Marshal writes it: keys in byte order, HTML characters escaped; null values for nil pointers. */
function goJsonMap(map: Record<string, string | null>): string {
  const keys = Object.keys(map).sort(compareStrings);
  return `{${keys.map((k) => `${jsonString(k, true)}:${map[k] === null ? 'null' : jsonString(map[k] as string, true)}`).join(',')}}`;
}

/** opts.ConvertKVStringsToMapWithNil: a bare name (no value in the environment either) maps to null. */
function buildArgsMap(values: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) out[value] = null;
    else out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/**
 * The query of POST /build for these flags, as docker 28 sends it. `env`
 * gives --build-arg's bare names their values and --platform its default
 * (DOCKER_DEFAULT_PLATFORM); `dockerfile` is the name in the context ('' for none).
 */
export function buildQuery(flags: ParsedFlags, dockerfile: string, env: NodeJS.ProcessEnv = process.env): URLSearchParams {
  const str = (name: string): string => flags.values.get(name) as string;
  const list = (name: string): string[] => flags.values.get(name) as string[];
  const bool = (name: string): boolean => flags.values.get(name) === true;
  const query = new URLSearchParams();
  for (const tag of list('tag')) query.append('t', tag);
  for (const opt of list('security-opt')) query.append('securityopt', opt);
  for (const host of list('add-host')) query.append('extrahosts', validateExtraHost(host));
  if (bool('quiet')) query.set('q', '1');
  if (bool('no-cache')) query.set('nocache', '1');
  if (!bool('rm')) query.set('rm', '0');
  if (bool('force-rm')) query.set('forcerm', '1');
  if (bool('pull')) query.set('pull', '1');
  if (bool('squash')) query.set('squash', '1');
  const isolation = str('isolation');
  if (isolation !== '' && isolation.toLowerCase() !== 'default') query.set('isolation', isolation);
  const setString = (param: string, value: string): void => {
    if (value !== '') query.set(param, value);
  };
  const setNumber = (param: string, value: number): void => {
    if (value !== 0) query.set(param, String(value));
  };
  setString('cpusetcpus', str('cpuset-cpus'));
  const network = str('network');
  if (network !== '' && network !== 'default') query.set('networkmode', network);
  setString('cpusetmems', str('cpuset-mems'));
  setNumber('cpushares', intFlag(flags, 'cpu-shares'));
  setNumber('cpuquota', intFlag(flags, 'cpu-quota'));
  setNumber('cpuperiod', intFlag(flags, 'cpu-period'));
  setNumber('memory', str('memory') === '' ? 0 : ramInBytes(str('memory')));
  setNumber('memswap', str('memory-swap') === '' ? 0 : memSwap(str('memory-swap')));
  setString('cgroupparent', str('cgroup-parent'));
  setNumber('shmsize', str('shm-size') === '' ? 0 : ramInBytes(str('shm-size')));
  setString('dockerfile', dockerfile);
  setString('target', str('target'));
  const limits = ulimits(list('ulimit'));
  if (limits.length > 0) query.set('ulimits', JSON.stringify(limits.map((u) => ({ Name: u.Name, Hard: u.Hard, Soft: u.Soft }))));
  const args = buildArgsMap(list('build-arg').map((v) => buildArg(v, env)));
  if (Object.keys(args).length > 0) query.set('buildargs', goJsonMap(args));
  const labels = keyValues(list('label'));
  if (Object.keys(labels).length > 0) query.set('labels', goJsonMap(labels));
  const cacheFrom = list('cache-from');
  if (cacheFrom.length > 0) query.set('cachefrom', `[${cacheFrom.map((c) => jsonString(c, true)).join(',')}]`);
  const platform = flags.changed.has('platform') ? str('platform') : (env.DOCKER_DEFAULT_PLATFORM ?? '');
  setString('platform', platform.toLowerCase());
  query.set('version', '1');
  return query;
}
