// Published host ports are held open by the daemon (as Docker's userland
// proxy and Podman's conmon hold them): a port another program or
// container uses is refused up front, and no program can take a published
// port while its container runs. Traffic never reaches these sockets:
// netavark's DNAT rules send it to the container first.
import dgram from 'node:dgram';
import net from 'node:net';

export interface HostPortRequest {
  /** '' or 0.0.0.0 for every address. */
  hostIp: string;
  /** 0 for a free port the kernel chooses. */
  hostPort: number;
  protocol: string;
}

export interface HeldPort {
  hostIp: string;
  hostPort: number;
  protocol: string;
  close(): void;
}

/** Binds a host port; rejects with the socket's error (EADDRINUSE, EADDRNOTAVAIL...). */
export function holdHostPort(req: HostPortRequest): Promise<HeldPort> {
  const hostIp = req.hostIp === '' ? '0.0.0.0' : req.hostIp;
  if (req.protocol === 'udp') {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket({ type: hostIp.includes(':') ? 'udp6' : 'udp4' });
      socket.once('error', reject);
      socket.bind({ address: hostIp, port: req.hostPort, exclusive: true }, () => {
        socket.off('error', reject);
        socket.on('message', () => undefined);
        socket.unref();
        resolve({ hostIp, hostPort: socket.address().port, protocol: 'udp', close: () => socket.close() });
      });
    });
  }
  return new Promise((resolve, reject) => {
    // A connection that bypassed the DNAT rules (none should) is closed at once.
    const server = net.createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen({ host: hostIp, port: req.hostPort, exclusive: true, ipv6Only: hostIp.includes(':') }, () => {
      server.off('error', reject);
      server.unref();
      const address = server.address() as net.AddressInfo;
      resolve({ hostIp, hostPort: address.port, protocol: req.protocol, close: () => server.close() });
    });
  });
}
