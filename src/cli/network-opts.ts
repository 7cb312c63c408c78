// The network flags of create as docker 28 reads them: --network (a name,
// or the long form name=...,alias=...,ip=...), the values --dns,
// --dns-search, --add-host and --link take (docker's opts validators), and
// the endpoints the create body names (parseNetworkOpts with its
// conflicts). Each throws an Error with docker's words.
import type { EndpointIpamConfig } from '../spec/docker/index.js';
import { csvFields } from './csv.js';
import { quoteGo } from './format/go-printf.js';
import { goSortedMap } from './go-map.js';
import { ipString, isMacAddress, parseIP } from './go-net.js';

/** opts.NetworkAttachmentOpts: one --network value. */
export interface NetworkAttachment {
  target: string;
  aliases: string[];
  links: string[];
  driverOpts: Record<string, string>;
  ipv4: string;
  ipv6: string;
  linkLocalIPs: string[];
  macAddress: string;
  gwPriority: number;
}

/** A network given by name only. */
function attachment(target: string): NetworkAttachment {
  return { target, aliases: [], links: [], driverOpts: {}, ipv4: '', ipv6: '', linkLocalIPs: [], macAddress: '', gwPriority: 0 };
}

/** strconv.Atoi; throws its reason ("invalid syntax", "value out of range"), which docker wraps for gw-priority. */
function atoi(text: string): number {
  if (!/^[-+]?[0-9]+$/.test(text)) throw new Error('invalid syntax');
  const n = BigInt(text);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) throw new Error('value out of range');
  return Number(n);
}

/** opts.NetworkOpt.Set. The long form is read lower-cased, as docker reads it. */
export function parseNetworkAttachment(value: string): NetworkAttachment {
  if (!/\w+=\w+/.test(value)) return attachment(value);
  const n = attachment('');
  for (const field of csvFields(value)) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf('=');
    if (eq <= 0) throw new Error(`invalid field ${field}`);
    const key = lower.slice(0, eq).trim();
    const val = lower.slice(eq + 1).trim();
    switch (key) {
      case 'name':
        n.target = val;
        break;
      case 'alias':
        n.aliases.push(val);
        break;
      case 'ip':
        n.ipv4 = val;
        break;
      case 'ip6':
        n.ipv6 = val;
        break;
      case 'mac-address':
        n.macAddress = val;
        break;
      case 'link-local-ip':
        n.linkLocalIPs.push(val);
        break;
      case 'driver-opt': {
        const at = val.indexOf('=');
        if (at <= 0) throw new Error('invalid key value pair format in driver options');
        n.driverOpts[val.slice(0, at).trim()] = val.slice(at + 1).trim();
        break;
      }
      case 'gw-priority':
        try {
          n.gwPriority = atoi(val);
        } catch (err) {
          throw new Error(`invalid gw-priority (${val}): ${(err as Error).message}`);
        }
        break;
      default:
        throw new Error(`invalid field key ${key}`);
    }
  }
  if (n.target === '') throw new Error('network name/id is not specified');
  return n;
}

/** container.NetworkMode.IsUserDefined: anything but default, bridge, host, none and container:<id>. */
export function isUserDefined(mode: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:');
}

/** opts.ValidateIPAddress: the address as Go prints it (--dns). */
export function validateIPAddress(value: string): string {
  const ip = parseIP(value.trim());
  if (!ip) throw new Error(`IP address is not correctly formatted: ${value}`);
  return ipString(ip);
}

// opts' domainRegexp, its "(:?" typos included.
const domainPattern = /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?[\t\n\f\r ]*$/;

/** opts.ValidateDNSSearch: a domain (its trailing dot dropped), or "." for none. */
export function validateDNSSearch(value: string): string {
  const val = value.replace(/^ +| +$/g, '');
  if (val === '.') return val;
  const m = domainPattern.exec(val);
  if (!/[a-zA-Z]/.test(val) || !m || Buffer.byteLength(m[1] as string) >= 255) throw new Error(`${val} is not a valid domain`);
  return m[1] as string;
}

/** opts.ValidateExtraHost: host:ip or host=ip (ip may be in brackets, or host-gateway), sent as host:ip. */
export function validateExtraHost(value: string): string {
  let sep = value.indexOf('=');
  if (sep < 0) sep = value.indexOf(':');
  const host = sep < 0 ? '' : value.slice(0, sep);
  if (host === '' || host.includes(':')) throw new Error(`bad format for add-host: ${quoteGo(value)}`);
  let ip = value.slice(sep + 1);
  if (ip !== 'host-gateway') {
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (!parseIP(ip.trim())) throw new Error(`invalid IP address in add-host: ${quoteGo(ip)}`);
  }
  return `${host}:${ip}`;
}

/** opts.ValidateLink: name or name:alias. */
export function validateLink(value: string): string {
  if (value === '') throw new Error('empty string specified for links');
  if (value.split(':').length > 2) throw new Error(`bad format for links: ${value}`);
  return value;
}

/** The values of create's flags that shape the endpoints. */
export interface EndpointFlags {
  networks: NetworkAttachment[];
  aliases: string[];
  links: string[];
  ipv4: string;
  ipv6: string;
  macAddress: string;
  linkLocalIPs: string[];
}

/** The fields of network.EndpointSettings a client sets. */
export interface EndpointRequest {
  IPAMConfig: EndpointIpamConfig | null;
  Links: string[] | null;
  Aliases: string[] | null;
  MacAddress: string;
  DriverOpts: Record<string, string> | null;
  GwPriority: number;
}

/** network.EndpointSettings as Go's JSON writes it: the client's fields, then the daemon's, empty. */
export function endpointJson(e: EndpointRequest): Record<string, unknown> {
  return {
    ...e,
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: null,
  };
}

/** EndpointIPAMConfig, whose fields are omitempty. */
export function ipamJson(ipv4: string, ipv6: string, linkLocalIPs: string[]): EndpointIpamConfig {
  return { ...(ipv4 ? { IPv4Address: ipv4 } : {}), ...(ipv6 ? { IPv6Address: ipv6 } : {}), ...(linkLocalIPs.length > 0 ? { LinkLocalIPs: linkLocalIPs } : {}) };
}

/** parseNetworkAttachmentOpt: one network's endpoint. */
function endpointSettings(n: NetworkAttachment): EndpointRequest {
  if (n.target.trim() === '') throw new Error('no name set for network');
  if (!isUserDefined(n.target) && n.aliases.length > 0) throw new Error('network-scoped aliases are only supported for user-defined networks');
  if (n.macAddress !== '' && !isMacAddress(n.macAddress.trim())) throw new Error(`${n.macAddress} is not a valid mac address`);
  const ipam = n.ipv4 !== '' || n.ipv6 !== '' || n.linkLocalIPs.length > 0;
  return {
    IPAMConfig: ipam ? ipamJson(n.ipv4, n.ipv6, n.linkLocalIPs) : null,
    Links: n.links.length > 0 ? n.links : null,
    Aliases: n.aliases.length > 0 ? n.aliases : null,
    MacAddress: n.macAddress,
    DriverOpts: Object.keys(n.driverOpts).length > 0 ? goSortedMap(n.driverOpts) : null,
    GwPriority: n.gwPriority,
  };
}

/** applyContainerOptions: the plain flags apply to the first network, and may not also be given in its long form. */
function withContainerFlags(n: NetworkAttachment, f: EndpointFlags): NetworkAttachment {
  const conflicts: [boolean, string][] = [
    [n.aliases.length > 0 && f.aliases.length > 0, '--network-alias and per-network alias'],
    [n.ipv4 !== '' && f.ipv4 !== '', '--ip and per-network IPv4 address'],
    [n.ipv6 !== '' && f.ipv6 !== '', '--ip6 and per-network IPv6 address'],
    [n.macAddress !== '' && f.macAddress !== '', '--mac-address and per-network MAC address'],
    [n.linkLocalIPs.length > 0 && f.linkLocalIPs.length > 0, '--link-local-ip and per-network link-local IP addresses'],
  ];
  for (const [conflict, what] of conflicts) if (conflict) throw new Error(`conflicting options: cannot specify both ${what}`);
  return {
    ...n,
    aliases: f.aliases.length > 0 ? f.aliases : n.aliases,
    // On a user-defined network --link makes an alias; on the default bridge it is a legacy link (HostConfig.Links).
    links: isUserDefined(n.target) ? f.links : n.links,
    ipv4: f.ipv4 || n.ipv4,
    ipv6: f.ipv6 || n.ipv6,
    macAddress: f.macAddress || n.macAddress,
    linkLocalIPs: f.linkLocalIPs.length > 0 ? f.linkLocalIPs : n.linkLocalIPs,
  };
}

const isEmptyEndpoint = (e: EndpointRequest): boolean =>
  e.IPAMConfig === null && e.Links === null && e.Aliases === null && e.MacAddress === '' && e.DriverOpts === null && e.GwPriority === 0;

/** parseNetworkOpts: NetworkingConfig.EndpointsConfig, keys sorted as Go writes a map. */
export function endpointsConfig(f: EndpointFlags): Record<string, Record<string, unknown>> {
  const networks = f.networks.length > 0 ? f.networks : [attachment('default')];
  const endpoints = new Map<string, Record<string, unknown>>();
  let userDefined = false;
  let other = false;
  for (const [i, network] of networks.entries()) {
    if (isUserDefined(network.target)) userDefined = true;
    else other = true;
    const ep = endpointSettings(i === 0 ? withContainerFlags(network, f) : network);
    if (endpoints.has(network.target)) throw new Error(`network ${quoteGo(network.target)} is specified multiple times`);
    // A single network given without options has no endpoint in the body (the daemon makes it).
    if (f.networks.length === 1 && isEmptyEndpoint(ep)) continue;
    endpoints.set(network.target, endpointJson(ep));
  }
  if (userDefined && other) throw new Error('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
  return goSortedMap(endpoints);
}

/** docker's warning for a loopback --dns server (the values are already as Go prints them). */
export function localhostDnsWarning(dns: string[]): string | undefined {
  const loopback = dns.find((ip) => ip === '::1' || /^127\./.test(ip));
  return loopback === undefined ? undefined : `WARNING: Localhost DNS (${loopback}) may fail in containers.`;
}
