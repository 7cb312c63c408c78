// Which daemon to talk to, and how to reach it.
import { InvalidArgument } from '../common/index.js';

export const defaultHost = 'unix:///run/cais/cais.sock';

/** --host, else CAIS_HOST, else DOCKER_HOST, else the default socket. */
export function resolveHost(flagHost: string | undefined, env: NodeJS.ProcessEnv): { host: string; isDefault: boolean } {
  const host = flagHost || env.CAIS_HOST || env.DOCKER_HOST;
  return host ? { host, isDefault: false } : { host: defaultHost, isDefault: true };
}

export type HostAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; hostname: string; port: number };

const defaultTlsPort = 2376;

/** `unix:///path` or `tcp://host[:port]` (port 2376 by default, as Docker with TLS). */
export function parseHost(host: string): HostAddress {
  if (host.startsWith('unix://')) {
    const path = host.slice('unix://'.length);
    if (!path.startsWith('/')) throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: the socket path must be absolute`);
    return { kind: 'unix', path };
  }
  if (host.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      throw new InvalidArgument(`invalid host ${JSON.stringify(host)}`);
    }
    if (url.hostname === '' || (url.pathname !== '' && url.pathname !== '/')) {
      throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: expected tcp://host:port`);
    }
    // URL keeps IPv6 brackets; sockets want the bare address.
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { kind: 'tcp', hostname, port: url.port === '' ? defaultTlsPort : Number(url.port) };
  }
  throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: use unix:///path or tcp://host:port`);
}
