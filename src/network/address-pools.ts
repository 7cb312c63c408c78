// Subnets for networks created without one, as libnetwork chooses them:
// the first subnet of the configured pools that overlaps neither another
// network of this daemon nor a route of the host.
import { readFileSync } from 'node:fs';
import { InvalidArgument } from '../common/index.js';
import { overlaps, parseSubnet, size, type Subnet } from './ipv4.js';

export interface AddressPool {
  base: Subnet;
  /** The prefix length of the subnets it is cut into. */
  size: number;
}

/** Docker's default pools: 172.17-31.0.0/16, then 192.168.0.0/16 in /20s. */
export const defaultAddressPools: readonly AddressPool[] = [
  ...Array.from({ length: 15 }, (_, i) => ({ base: parseSubnet(`172.${17 + i}.0.0/16`), size: 16 })),
  { base: parseSubnet('192.168.0.0/16'), size: 20 },
];

/** dockerd's --default-address-pool value: "base=10.10.0.0/16,size=24". */
export function parseAddressPool(text: string): AddressPool {
  const fields = new Map(text.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const base = fields.get('base');
  const prefix = Number(fields.get('size'));
  if (base === undefined || !Number.isInteger(prefix)) throw new InvalidArgument(`invalid default address pool: ${text}`);
  const subnet = parseSubnet(base);
  if (prefix < subnet.prefix || prefix > 30) throw new InvalidArgument(`invalid default address pool: ${text}: size must be between ${subnet.prefix} and 30`);
  return { base: subnet, size: prefix };
}

/** The host's IPv4 routes but the default one, from /proc/net/route (little-endian hex). */
export function hostRoutes(table = readFileSync('/proc/net/route', 'utf8')): Subnet[] {
  const routes: Subnet[] = [];
  for (const line of table.split('\n').slice(1)) {
    const [, destination, , , , , , mask] = line.trim().split(/\s+/);
    if (destination === undefined || mask === undefined) continue;
    const swap = (hex: string) => Buffer.from(hex, 'hex').readUInt32LE(0);
    const prefix = swap(mask).toString(2).replace(/0+$/, '').length;
    if (prefix === 0) continue;
    routes.push({ base: swap(destination), prefix });
  }
  return routes;
}

export function chooseSubnet(pools: readonly AddressPool[], taken: readonly Subnet[]): Subnet {
  for (const pool of pools) {
    const step = 2 ** (32 - pool.size);
    for (let base = pool.base.base; base < pool.base.base + size(pool.base); base += step) {
      const candidate = { base, prefix: pool.size };
      if (!taken.some((t) => overlaps(t, candidate))) return candidate;
    }
  }
  throw new InvalidArgument('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
}
