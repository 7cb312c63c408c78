// IPv4 addresses and subnets as numbers: parsing, containment, overlap and
// the addresses a subnet hands out. IPv6 networks are not supported yet.
import { InvalidArgument } from '../common/index.js';

export interface Subnet {
  /** The network address, as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

const octet = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseAddress(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => octet.test(p))) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "a.b.c.d/n" with its host bits kept (a gateway in CIDR form), or undefined. */
export function parseCidr(text: string): { address: number; subnet: Subnet } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) return undefined;
  const prefix = Number(prefixText);
  return { address, subnet: { base: (address & mask(prefix)) >>> 0, prefix } };
}

/** A subnet as `docker network create --subnet` takes it: host bits must be zero, as libnetwork checks. */
export function parseSubnet(text: string, flag = 'subnet'): Subnet {
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    if (text.includes(':')) throw new InvalidArgument('IPv6 networks are not supported by cais yet');
    throw new InvalidArgument(`invalid CIDR address: ${text}`);
  }
  if (cidr.address !== cidr.subnet.base) throw new InvalidArgument(`invalid ${flag} ${text}: it should be ${formatSubnet(cidr.subnet)}`);
  return cidr.subnet;
}

export function formatSubnet(s: Subnet): string {
  return `${formatAddress(s.base)}/${s.prefix}`;
}

export function size(s: Subnet): number {
  return 2 ** (32 - s.prefix);
}

export function contains(s: Subnet, address: number): boolean {
  return ((address & mask(s.prefix)) >>> 0) === s.base;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return contains(a, b.base) || contains(b, a.base);
}

/** The subnet's last address (its broadcast address). */
export function last(s: Subnet): number {
  return s.base + size(s) - 1;
}
