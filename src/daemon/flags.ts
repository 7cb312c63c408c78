// `cais daemon` flags, with dockerd's names.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidArgument, type LogLevel } from '../common/index.js';

export interface DaemonConfig {
  /** Listen addresses as given: unix:///path or tcp://host:port. */
  hosts: string[];
  dataRoot: string;
  execRoot: string;
  pidfile: string;
  tlsVerify: boolean;
  tlsCaCert?: string;
  tlsCert?: string;
  tlsKey?: string;
  logLevel: LogLevel;
  cgroupParent: string;
  /** The default bridge's interface, or 'none' for no default bridge. */
  bridge: string;
  bip?: string;
  defaultAddressPools: string[];
  /** Registries reached over plain HTTP or without verifying TLS (host[:port] or CIDR). */
  insecureRegistries: string[];
}

export const usage = `Usage:  cais daemon [OPTIONS]

Run the cais daemon (the Docker Engine API server) in the foreground.

Options:
  -b, --bridge string                   Attach containers to a network bridge ("none" for no default bridge) (default "cais0")
      --bip string                      Specify default-bridge IPv4 network
      --cgroup-parent string            Set parent cgroup for all containers (default "/cais")
      --default-address-pool pool-options  Default address pools for node specific local networks
      --data-root string      Root directory of persistent state (default "/var/lib/cais")
  -D, --debug                 Enable debug mode
      --exec-root string      Root directory for execution state files (default "/run/cais")
  -h, --help                  Print usage
  -H, --host list             Daemon socket(s) to listen on (default "unix://<exec-root>/cais.sock")
      --insecure-registry list  Enable insecure registry communication
  -l, --log-level string      Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
  -p, --pidfile string        Path to use for daemon PID file (default "<exec-root>/cais.pid")
      --tlscacert string      Trust certs signed only by this CA
      --tlscert string        Path to TLS certificate file
      --tlskey string         Path to TLS key file
      --tlsverify             Use TLS and verify the remote (required for tcp:// hosts)
`;

const options = {
  host: { type: 'string', short: 'H', multiple: true },
  'insecure-registry': { type: 'string', multiple: true },
  'cgroup-parent': { type: 'string' },
  bridge: { type: 'string', short: 'b' },
  bip: { type: 'string' },
  'default-address-pool': { type: 'string', multiple: true },
  'data-root': { type: 'string' },
  'exec-root': { type: 'string' },
  pidfile: { type: 'string', short: 'p' },
  tlsverify: { type: 'boolean' },
  tlscacert: { type: 'string' },
  tlscert: { type: 'string' },
  tlskey: { type: 'string' },
  debug: { type: 'boolean', short: 'D' },
  'log-level': { type: 'string', short: 'l' },
  help: { type: 'boolean', short: 'h' },
} as const;

// dockerd's level names, folded onto ours.
const levels: Record<string, LogLevel> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  fatal: 'error',
  panic: 'error',
};

/** The daemon's configuration from its arguments, or 'help'; throws InvalidArgument. */
export function parseDaemonArgs(argv: string[]): DaemonConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new InvalidArgument(flagError(err as NodeJS.ErrnoException), { cause: err });
  }
  if (values.help) return 'help';
  const execRoot = resolve(values['exec-root'] ?? '/run/cais');
  let logLevel: LogLevel = 'info';
  if (values['log-level'] !== undefined) {
    const level = levels[values['log-level'].toLowerCase()];
    if (!level) throw new InvalidArgument(`Unable to parse logging level: ${values['log-level']}`);
    logLevel = level;
  }
  if (values.debug) logLevel = 'debug';
  return {
    hosts: values.host ?? [`unix://${join(execRoot, 'cais.sock')}`],
    dataRoot: resolve(values['data-root'] ?? '/var/lib/cais'),
    execRoot,
    pidfile: resolve(values.pidfile ?? join(execRoot, 'cais.pid')),
    tlsVerify: values.tlsverify ?? false,
    tlsCaCert: values.tlscacert,
    tlsCert: values.tlscert,
    tlsKey: values.tlskey,
    logLevel,
    cgroupParent: values['cgroup-parent'] ?? '/cais',
    bridge: values.bridge ?? 'cais0',
    ...(values.bip !== undefined ? { bip: values.bip } : {}),
    defaultAddressPools: values['default-address-pool'] ?? [],
    insecureRegistries: values['insecure-registry'] ?? [],
  };
}

/** parseArgs' complaint in cobra's words, as dockerd prints them. */
function flagError(err: NodeJS.ErrnoException): string {
  const quoted = /'([^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag: ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"cais daemon" accepts no arguments, got ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return err.message.includes('missing') ? `flag needs an argument: ${quoted}` : err.message;
    default:
      return err.message;
  }
}
