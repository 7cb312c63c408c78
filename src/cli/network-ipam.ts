// `network create`'s IPAM flags grouped by subnet as docker 28's
// createIPAMConfig groups them: each --ip-range, --gateway and
// --aux-address goes to the subnet that holds it, with docker's checks and
// messages. (Docker lists the subnets in Go's random map order; here in
// the order given.)
import { goSortedMap } from './go-map.js';
import { netContains, parseCIDR, parseIP } from './go-net.js';

export interface IpamFlags {
  driver: string;
  subnets: string[];
  ipRanges: string[];
  gateways: string[];
  auxAddresses: Record<string, string>;
  options: Record<string, string>;
}

interface IpamConfig {
  Subnet: string;
  IPRange: string;
  Gateway: string;
  AuxiliaryAddresses: Record<string, string>;
}

/** subnetMatches: whether the subnet holds the address (or the address of a CIDR). */
function subnetMatches(subnet: string, data: string): boolean {
  let network;
  try {
    network = parseCIDR(subnet).net;
  } catch (err) {
    throw new Error(`invalid subnet: ${(err as Error).message}`);
  }
  return netContains(network, data.includes('/') ? parseCIDR(data).ip : parseIP(data));
}

/** Sets `key` of the config of each subnet holding `value`; fails when none does, or one has it set already. */
function assign(configs: Map<string, IpamConfig>, value: string, set: (config: IpamConfig) => void, noMatch: string): void {
  let matched = false;
  for (const [subnet, config] of configs) {
    if (!subnetMatches(subnet, value)) continue;
    set(config);
    matched = true;
  }
  if (!matched) throw new Error(`${noMatch} ${value}`);
}

/** The IPAM of the create body (IPAMConfig's fields are omitempty). */
export function ipamConfig(f: IpamFlags): { Driver: string; Options: Record<string, string>; Config: object[] } {
  if (f.subnets.length < f.ipRanges.length || f.subnets.length < f.gateways.length) throw new Error('every ip-range or gateway must have a corresponding subnet');
  const configs = new Map<string, IpamConfig>();
  for (const s of f.subnets) {
    for (const k of configs.keys()) {
      const overlaps = [subnetMatches(s, k), subnetMatches(k, s)];
      if (overlaps.includes(true)) throw new Error('multiple overlapping subnet configuration is not supported');
    }
    configs.set(s, { Subnet: s, IPRange: '', Gateway: '', AuxiliaryAddresses: {} });
  }
  for (const r of f.ipRanges) {
    parseCIDR(r);
    assign(configs, r, (c) => {
      if (c.IPRange !== '') throw new Error(`cannot configure multiple ranges (${r}, ${c.IPRange}) on the same subnet (${c.Subnet})`);
      c.IPRange = r;
    }, 'no matching subnet for range');
  }
  for (const g of f.gateways) {
    assign(configs, g, (c) => {
      if (c.Gateway !== '') throw new Error(`cannot configure multiple gateways (${g}, ${c.Gateway}) for the same subnet (${c.Subnet})`);
      c.Gateway = g;
    }, 'no matching subnet for gateway');
  }
  for (const [key, address] of Object.entries(f.auxAddresses)) {
    assign(configs, address, (c) => (c.AuxiliaryAddresses[key] = address), 'no matching subnet for aux-address');
  }
  const config = [...configs.values()].map((c) => ({
    ...(c.Subnet ? { Subnet: c.Subnet } : {}),
    ...(c.IPRange ? { IPRange: c.IPRange } : {}),
    ...(c.Gateway ? { Gateway: c.Gateway } : {}),
    ...(Object.keys(c.AuxiliaryAddresses).length > 0 ? { AuxiliaryAddresses: goSortedMap(c.AuxiliaryAddresses) } : {}),
  }));
  return { Driver: f.driver, Options: goSortedMap(f.options), Config: config };
}
