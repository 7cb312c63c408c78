// The flags before the command (`cais -H unix:///x.sock images`): which
// daemon to reach and how, with docker's names, defaults and environment
// (DOCKER_CERT_PATH, DOCKER_TLS, DOCKER_TLS_VERIFY).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StatusError, goFileError } from './errors.js';
import type { FlagSpec, ParsedFlags } from './flags.js';

export interface GlobalOptions {
  /** -H, when given. */
  host: string | undefined;
  debug: boolean;
  version: boolean;
  tls: boolean;
  tlsVerify: boolean;
  tlsCaCert: string;
  tlsCert: string;
  tlsKey: string;
}

/** The global flags, with defaults from the environment as docker computes them. */
export function globalFlags(env: NodeJS.ProcessEnv): FlagSpec[] {
  const certPath = env.DOCKER_CERT_PATH || join(homedir(), '.docker');
  return [
    { name: 'debug', short: 'D', type: 'bool', usage: 'Enable debug mode' },
    { name: 'host', short: 'H', type: 'list', usage: 'Daemon socket to connect to' },
    { name: 'tls', type: 'bool', usage: 'Use TLS; implied by --tlsverify', defaultValue: Boolean(env.DOCKER_TLS) },
    { name: 'tlscacert', type: 'string', usage: 'Trust certs signed only by this CA', defaultValue: join(certPath, 'ca.pem') },
    { name: 'tlscert', type: 'string', usage: 'Path to TLS certificate file', defaultValue: join(certPath, 'cert.pem') },
    { name: 'tlskey', type: 'string', usage: 'Path to TLS key file', defaultValue: join(certPath, 'key.pem') },
    { name: 'tlsverify', type: 'bool', usage: 'Use TLS and verify the remote', defaultValue: Boolean(env.DOCKER_TLS_VERIFY) },
    { name: 'version', short: 'v', type: 'bool', usage: 'Print version information and quit' },
  ];
}

export function globalOptions(parsed: ParsedFlags): GlobalOptions {
  const v = parsed.values;
  const hosts = v.get('host') as string[];
  if (hosts.length > 1) throw new StatusError('Specify only one -H');
  const tlsVerify = v.get('tlsverify') === true;
  return {
    host: hosts[0],
    debug: v.get('debug') === true,
    version: v.get('version') === true,
    tls: tlsVerify || v.get('tls') === true,
    tlsVerify,
    tlsCaCert: v.get('tlscacert') as string,
    tlsCert: v.get('tlscert') as string,
    tlsKey: v.get('tlskey') as string,
  };
}

/** The PEM files for a TLS connection, read with docker's error messages. */
export function readTlsFiles(opts: GlobalOptions): { ca: Buffer; cert: Buffer; key: Buffer } {
  const read = (path: string, what: (reason: string) => string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new StatusError(what(goFileError(err, 'open', path).message));
    }
  };
  return {
    ca: read(opts.tlsCaCert, (reason) => `could not read CA certificate ${JSON.stringify(opts.tlsCaCert)}: ${reason}`),
    cert: read(opts.tlsCert, (reason) => `Could not load X509 key pair: ${reason}`),
    key: read(opts.tlsKey, (reason) => `Could not load X509 key pair: ${reason}`),
  };
}
