// dockerd's rule for insecure registries (moby registry.isSecureIndex): a
// registry is insecure when --insecure-registry names it (host[:port]) or
// when its address, or one its name resolves to, lies in an insecure CIDR;
// loopback (127.0.0.0/8, ::1) always is. Insecure registries get HTTPS
// without certificate checks, then plain HTTP.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const loopback = ['127.0.0.0/8', '::1/128'];

/** The host of a host[:port] domain, without IPv6 brackets. */
export function hostOf(domain: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(domain);
  if (bracketed !== null) return bracketed[1]!;
  return isIP(domain) === 6 ? domain : domain.replace(/:\d+$/, '');
}

/** The CIDRs among the daemon's insecure registries, with loopback. */
function insecureNetworks(told: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of [...loopback, ...told]) {
    const [base, bits] = entry.split('/');
    const family = base !== undefined ? isIP(base) : 0;
    if (family === 0 || bits === undefined || !/^\d+$/.test(bits)) continue;
    list.addSubnet(base!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

function inNetworks(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether `domain` is insecure. A name is resolved as dockerd resolves it
 * (a name that does not resolve is secure); `resolve` is for tests.
 */
export async function isInsecureRegistry(
  domain: string,
  told: readonly string[],
  resolve: (host: string) => Promise<string[]> = async (host) => (await lookup(host, { all: true })).map((a) => a.address),
): Promise<boolean> {
  const host = hostOf(domain);
  if (told.includes(domain) || told.includes(host)) return true;
  const networks = insecureNetworks(told);
  if (isIP(host) !== 0) return inNetworks(networks, host);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return false;
  }
  return addresses.some((a) => inNetworks(networks, a));
}
