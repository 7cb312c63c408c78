// EXPOSE's ports as BuildKit reads them (convert_expose.go): "80",
// "80/udp", "8000-8010", even "[ip:]host:container/proto" (the IP and host
// parts are checked and dropped); a range gives one entry per port.
import { isIPv4, isIPv6 } from 'node:net';
import { InvalidArgument } from '../../common/index.js';

function portRange(text: string): [number, number] {
  const port = (p: string): number => {
    if (!/^[0-9]+$/.test(p) || Number(p) > 65535) throw new InvalidArgument(`invalid port: ${p}`);
    return Number(p);
  };
  if (text === '') throw new InvalidArgument('empty string specified for ports');
  const parts = text.split('-');
  if (parts.length > 2) throw new InvalidArgument(`invalid port range format: ${text}`);
  const start = port(parts[0]!);
  const end = parts.length === 2 ? port(parts[1]!) : start;
  if (end < start) throw new InvalidArgument(`invalid range specified for port: ${text}`);
  return [start, end];
}

function portSpec(raw: string): string[] {
  const parts = raw.split(':');
  const container = parts.pop()!;
  const hostPort = parts.length > 0 ? parts.pop()! : '';
  let ip = parts.join(':');
  const slash = container.indexOf('/');
  const port = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? 'tcp' : container.slice(slash + 1).toLowerCase() || 'tcp';
  if (port === '') throw new InvalidArgument(`no port specified: ${raw}<empty>`);
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new InvalidArgument(`invalid proto: ${proto}`);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (ip !== '' && !isIPv4(ip) && !isIPv6(ip)) throw new InvalidArgument(`invalid IP address: ${ip}`);
  let start: number;
  let end: number;
  try {
    [start, end] = portRange(port);
  } catch {
    throw new InvalidArgument(`invalid containerPort: ${port}`);
  }
  if (hostPort !== '') {
    let hostStart: number;
    let hostEnd: number;
    try {
      [hostStart, hostEnd] = portRange(hostPort);
    } catch {
      throw new InvalidArgument(`invalid hostPort: ${hostPort}`);
    }
    if (end - start !== hostEnd - hostStart && end !== start) {
      throw new InvalidArgument(`invalid ranges specified for container and host Ports: ${port} and ${hostPort}`);
    }
  }
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto}`);
  return out;
}

/** "port/proto" for each port the specs name, in order. */
export function exposedPorts(specs: readonly string[]): string[] {
  return specs.flatMap(portSpec);
}
