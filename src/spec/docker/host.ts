// Daemon addresses as Docker writes them (-H, DOCKER_HOST): unix:///path or
// tcp://host[:port]; the port defaults to 2376, Docker's port for TLS.
import { InvalidArgument } from '../../common/index.js';

export type HostAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; hostname: string; port: number };

const defaultTlsPort = 2376;

export function parseHost(host: string): HostAddress {
  if (host.startsWith('unix://')) {
    const path = host.slice('unix://'.length);
    if (!path.startsWith('/')) throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: the socket path must be absolute`);
    return { kind: 'unix', path };
  }
  if (host.startsWith('tcp://')) {
    let url: URL | undefined;
    try {
      url = new URL(host);
    } catch {
      // reported below
    }
    if (!url || url.hostname === '' || (url.pathname !== '' && url.pathname !== '/')) {
      throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: expected tcp://host:port`);
    }
    // URL keeps IPv6 brackets; sockets want the bare address.
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { kind: 'tcp', hostname, port: url.port === '' ? defaultTlsPort : Number(url.port) };
  }
  throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: use unix:///path or tcp://host:port`);
}
