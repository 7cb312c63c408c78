// Listen addresses (-H): unix:///path or tcp://host:port.
import { InvalidArgument } from '../common/index.js';

export type ListenAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; hostname: string; port: number };

export function parseListenAddress(host: string): ListenAddress {
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
    if (!url || url.hostname === '' || url.port === '' || (url.pathname !== '' && url.pathname !== '/')) {
      throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: expected tcp://host:port`);
    }
    return { kind: 'tcp', hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
  }
  throw new InvalidArgument(`invalid host ${JSON.stringify(host)}: use unix:///path or tcp://host:port`);
}
