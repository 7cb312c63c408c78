// The flags of `create` that shape a container's stored settings, and the
// create body the docker CLI builds from them (cli/command/container/opts.go
// parse), with its messages for bad values.
import { readFileSync } from 'node:fs';
import { StatusError, goFileError } from './errors.js';
import { type FlagSpec, type ParsedFlags, intFlag, keyValues } from './flags.js';
import { checkWith, parseCpus, ramInBytes } from './parse-units.js';

function validateEnv(value: string): string {
  const eq = value.indexOf('=');
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === '') throw new Error(`invalid environment variable: ${value}`);
  return value;
}

export const createFlags: FlagSpec[] = [
  { name: 'cap-add', type: 'list', usage: 'Add Linux capabilities' },
  { name: 'cap-drop', type: 'list', usage: 'Drop Linux capabilities' },
  { name: 'cpus', type: 'string', typeName: 'decimal', usage: 'Number of CPUs', check: checkWith(parseCpus) },
  { name: 'entrypoint', type: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', type: 'list', usage: 'Set environment variables', check: checkWith(validateEnv) },
  { name: 'env-file', type: 'list', usage: 'Read in a file of environment variables' },
  { name: 'hostname', short: 'h', type: 'string', usage: 'Container host name' },
  { name: 'init', type: 'bool', usage: 'Run an init inside the container that forwards signals and reaps processes' },
  { name: 'interactive', short: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'label', short: 'l', type: 'list', usage: 'Set meta data on a container' },
  { name: 'memory', short: 'm', type: 'string', typeName: 'bytes', usage: 'Memory limit', check: checkWith(ramInBytes) },
  { name: 'name', type: 'string', usage: 'Assign a name to the container' },
  { name: 'network', type: 'string', typeName: 'network', usage: 'Connect a container to a network' },
  { name: 'pids-limit', type: 'int', usage: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'privileged', type: 'bool', usage: 'Give extended privileges to this container' },
  { name: 'read-only', type: 'bool', usage: "Mount the container's root filesystem as read only" },
  { name: 'restart', type: 'string', usage: 'Restart policy to apply when a container exits', defaultValue: 'no' },
  { name: 'runtime', type: 'string', usage: 'Runtime to use for this container' },
  { name: 'stop-signal', type: 'string', usage: 'Signal to stop the container' },
  { name: 'stop-timeout', type: 'int', usage: 'Timeout (in seconds) to stop a container' },
  { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', type: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
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
function restartPolicy(text: string): { Name: string; MaximumRetryCount: number } {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const count = colon < 0 ? '' : text.slice(colon + 1);
  if (colon >= 0 && name === '') throw new Error('invalid restart policy format: no policy provided before colon');
  if (count !== '' && !/^[-+]?[0-9]+$/.test(count)) throw new Error('invalid restart policy format: maximum retry count must be an integer');
  return { Name: name, MaximumRetryCount: count === '' ? 0 : Number(count) };
}

/** -e values: a bare name takes its value from the environment, when set there. */
function envValue(value: string, env: NodeJS.ProcessEnv): string {
  if (value.includes('=')) return value;
  return env[value] !== undefined ? `${value}=${env[value]}` : value;
}

/** opts' normalizeCapability: upper case with the CAP_ prefix, except ALL; no duplicates. */
function capabilities(values: string[]): string[] {
  const caps = values.map((c) => c.trim().toUpperCase()).map((c) => (c === 'ALL' || c.startsWith('CAP_') ? c : `CAP_${c}`));
  return [...new Set(caps)];
}

export interface CreateRequest {
  name: string;
  image: string;
  body: Record<string, unknown>;
}

/** The create body for `create IMAGE [COMMAND] [ARG...]`; a StatusError (125, docker's wording) for a bad value. */
export function createRequest(flags: ParsedFlags, env: NodeJS.ProcessEnv, fail: (message: string) => StatusError): CreateRequest {
  const v = flags.values;
  const str = (name: string): string => v.get(name) as string;
  const list = (name: string): string[] => v.get(name) as string[];
  const bool = (name: string): boolean => v.get(name) === true;
  const [image = '', ...command] = flags.args;
  let envs: string[];
  let restart: { Name: string; MaximumRetryCount: number };
  try {
    envs = [...list('env-file').flatMap((file) => readEnvFile(file, env)), ...list('env').map((e) => envValue(e, env))];
    restart = restartPolicy(str('restart'));
  } catch (err) {
    if (err instanceof StatusError) throw fail(err.message);
    throw fail((err as Error).message);
  }
  const entrypoint = flags.changed.has('entrypoint') ? [str('entrypoint')] : null;
  const body: Record<string, unknown> = {
    Hostname: str('hostname'),
    Domainname: '',
    User: str('user'),
    // Without -a docker attaches stdout and stderr, and stdin (once) with -i.
    AttachStdin: bool('interactive'),
    AttachStdout: true,
    AttachStderr: true,
    Tty: bool('tty'),
    OpenStdin: bool('interactive'),
    StdinOnce: bool('interactive'),
    Env: envs,
    Cmd: command.length > 0 ? command : null,
    Image: image,
    Volumes: {},
    WorkingDir: str('workdir'),
    Entrypoint: entrypoint,
    OnBuild: null,
    Labels: keyValues(list('label')),
    ...(str('stop-signal') !== '' ? { StopSignal: str('stop-signal') } : {}),
    ...(flags.changed.has('stop-timeout') ? { StopTimeout: intFlag(flags, 'stop-timeout') } : {}),
    HostConfig: {
      NetworkMode: str('network') || 'default',
      RestartPolicy: restart,
      CapAdd: capabilities(list('cap-add')),
      CapDrop: capabilities(list('cap-drop')),
      Privileged: bool('privileged'),
      ReadonlyRootfs: bool('read-only'),
      Runtime: str('runtime'),
      Memory: str('memory') === '' ? 0 : ramInBytes(str('memory')),
      NanoCpus: str('cpus') === '' ? 0 : parseCpus(str('cpus')),
      MemorySwappiness: -1,
      ...(flags.changed.has('pids-limit') ? { PidsLimit: intFlag(flags, 'pids-limit') } : {}),
      ...(flags.changed.has('init') ? { Init: bool('init') } : {}),
    },
    NetworkingConfig: { EndpointsConfig: str('network') !== '' ? { [str('network')]: {} } : {} },
  };
  return { name: str('name'), image, body };
}
