// -p and --expose as docker 28's create reads them: -p's long form
// (published=,target=,protocol=) turned into the short one, then
// go-connections' nat.ParsePortSpecs (v0.5) for [ip:][hostPort:]port[/proto]
// with ranges and bracketed IPv6 host addresses; --expose through
// nat.SplitProtoPort and ParsePortRange. Each throws docker's words.
import { quoteGo } from './format/go-printf.js';
import { goSortedMap } from './go-map.js';
import { parseIP, splitHostPort } from './go-net.js';

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** strconv.ParseUint(s, 10, 16). */
export function parsePortNumber(s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new Error(`strconv.ParseUint: parsing ${quoteGo(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 0xffff) throw new Error(`strconv.ParseUint: parsing ${quoteGo(s)}: value out of range`);
  return n;
}

/** nat.ParsePortRange: "80" or "8000-8010" (what follows a second dash is ignored). */
export function parsePortRange(ports: string): [number, number] {
  if (ports === '') throw new Error('empty string specified for ports');
  if (!ports.includes('-')) return [parsePortNumber(ports), parsePortNumber(ports)];
  const [first, second] = ports.split('-') as [string, string];
  const start = parsePortNumber(first);
  const end = parsePortNumber(second);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/** nat.SplitProtoPort (v0.5): [proto, port]; tcp when none is given. */
function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  return [parts[1] === '' ? 'tcp' : (parts[1] as string), parts[0] as string];
}

/** nat's splitParts: [ip, hostPort, containerPort]; an IPv6 host address keeps its colons. */
function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':');
  const n = parts.length;
  if (n === 1) return ['', '', raw];
  if (n === 2) return ['', parts[0] as string, parts[1] as string];
  return [parts.slice(0, n - 2).join(':'), parts[n - 2] as string, parts[n - 1] as string];
}

/** nat.ParsePortSpec: one -p value as [port, binding] pairs, one per container port. */
function parsePortSpec(raw: string): [string, PortBinding][] {
  const [rawIP, hostPort, rawContainerPort] = splitParts(raw);
  const [proto, containerPort] = splitProtoPort(rawContainerPort);
  let ip = rawIP;
  if (ip.startsWith('[')) {
    try {
      ip = splitHostPort(`${ip}:`).host;
    } catch (err) {
      throw new Error(`invalid IP address ${ip}: ${(err as Error).message}`);
    }
  }
  if (ip !== '' && !parseIP(ip)) throw new Error(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new Error(`no port specified: ${raw}<empty>`);
  const [start, end] = attempt(() => parsePortRange(containerPort), `invalid containerPort: ${containerPort}`);
  const [hostStart, hostEnd] = hostPort === '' ? [0, 0] : attempt(() => parsePortRange(hostPort), `invalid hostPort: ${hostPort}`);
  // A host range for a single container port is the range to pick a free port from.
  if (hostPort !== '' && end - start !== hostEnd - hostStart && end !== start) {
    throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new Error(`invalid proto: ${proto}`);
  const out: [string, PortBinding][] = [];
  for (let i = 0; i <= end - start; i++) {
    let host = hostPort === '' ? '' : String(hostStart + i);
    if (start === end && hostStart !== hostEnd) host += `-${hostEnd}`;
    out.push([`${start + i}/${proto.toLowerCase()}`, { HostIp: ip, HostPort: host }]);
  }
  return out;
}

function attempt<T>(parse: () => T, message: string): T {
  try {
    return parse();
  } catch {
    throw new Error(message);
  }
}

/** convertToStandardNotation: "published=8080,target=80,protocol=udp" is "8080:80/udp". */
function standardNotation(publish: string): string {
  if (!publish.includes('=')) return publish;
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of publish.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw new Error(`invalid publish opts format (should be name=value but got '${param}')`);
    params[param.slice(0, eq)] = param.slice(eq + 1);
  }
  return `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`;
}

/** --expose: a port or range with an optional protocol, taken as written. */
function exposedPorts(value: string): string[] {
  if (value.includes(':')) throw new Error(`invalid port format for --expose: ${value}`);
  const [proto, port] = splitProtoPort(value);
  let range: [number, number];
  try {
    range = parsePortRange(port);
  } catch (err) {
    throw new Error(`invalid range format for --expose: ${value}, error: ${(err as Error).message}`);
  }
  return Array.from({ length: range[1] - range[0] + 1 }, (_, i) => `${range[0] + i}/${proto}`);
}

/** Config.ExposedPorts and HostConfig.PortBindings for -p and --expose values, keys sorted as Go writes maps. */
export function portFlags(publish: string[], expose: string[]): { exposed: Record<string, object>; bindings: Record<string, PortBinding[]> } {
  const bindings = new Map<string, PortBinding[]>();
  for (const spec of publish.map(standardNotation)) {
    for (const [port, binding] of parsePortSpec(spec)) bindings.set(port, [...(bindings.get(port) ?? []), binding]);
  }
  const exposed = new Set([...bindings.keys(), ...expose.flatMap(exposedPorts)]);
  return { exposed: goSortedMap(new Map([...exposed].map((p) => [p, {}]))), bindings: goSortedMap(bindings) };
}
