// What cais adds to netavark 1.4's firewall, and takes away.
//
// Published ports across networks: netavark's isolation drops traffic from
// one bridge to another, also when it was DNATed to a published port (fixed
// in later netavark); Docker lets a container reach another network's
// published port through the host. One rule at the head of the isolation
// chain lets connections to published ports (conntrack state DNAT) through.
//
// Cleanup: netavark removes a network's own rules at teardown but leaves its
// shared chains (NETAVARK_FORWARD, NETAVARK-HOSTPORT-DNAT...) and the jumps
// to them behind. Once no network uses them they are removed, so a host
// without containers has the firewall it had before. One iptables-restore
// transaction does it: were a chain to gain a rule in the meantime, its
// deletion fails and the whole transaction with it, changing nothing.

/** The rule (iptables arguments after -I/-C) letting connections to published ports cross isolated networks. */
export const publishedAcrossNetworks = ['NETAVARK_ISOLATION_1', '-m', 'conntrack', '--ctstate', 'DNAT', '-m', 'comment', '--comment', 'cais: published ports across networks', '-j', 'RETURN'];
const publishedRuleSaved = '-A NETAVARK_ISOLATION_1 -m conntrack --ctstate DNAT -m comment --comment "cais: published ports across networks" -j RETURN';

/** The chains netavark shares between networks, per table. */
const shared: Record<string, readonly string[]> = {
  filter: ['NETAVARK_FORWARD', 'NETAVARK_ISOLATION_1', 'NETAVARK_ISOLATION_2'],
  nat: ['NETAVARK-HOSTPORT-DNAT', 'NETAVARK-HOSTPORT-SETMARK', 'NETAVARK-HOSTPORT-MASQ'],
};
// Chains whose only rules are the fixed ones netavark (or cais) puts in them.
const fixedRules = new Set(['NETAVARK-HOSTPORT-SETMARK', 'NETAVARK-HOSTPORT-MASQ', 'NETAVARK_ISOLATION_1']);
const builtin = new Set(['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING']);

/**
 * Given `iptables-save` output, the iptables-restore input that removes
 * netavark's shared chains, or undefined when some network still uses them
 * (or there is nothing to remove).
 */
export function sharedChainsCleanup(saved: string): string | undefined {
  const tables = new Map<string, string[]>();
  let table = '';
  for (const line of saved.split('\n')) {
    if (line.startsWith('*')) tables.set((table = line.slice(1)), []);
    else if (line.startsWith(':') || line.startsWith('-A ')) tables.get(table)?.push(line);
  }
  const script: string[] = [];
  for (const [name, chains] of Object.entries(shared)) {
    const lines = tables.get(name) ?? [];
    const present = chains.filter((c) => lines.some((l) => l.startsWith(`:${c} `)));
    // Any other netavark chain belongs to a network still set up.
    if (lines.some((l) => l.startsWith(':NETAVARK') && !chains.includes(l.slice(1).split(' ')[0]!))) return undefined;
    const rules = lines.filter((l) => l.startsWith('-A '));
    const inUse = present.some((c) => rules.some((r) => r.startsWith(`-A ${c} `) && (!fixedRules.has(c) || (c === 'NETAVARK_ISOLATION_1' && r !== publishedRuleSaved))));
    if (inUse) return undefined;
    if (present.length === 0) continue;
    const jumps = rules.filter((r) => builtin.has(r.split(' ')[1]!) && present.some((c) => r.endsWith(` -j ${c}`)));
    script.push(
      `*${name}`,
      ...jumps.map((r) => `-D ${r.slice(3)}`),
      ...present.filter((c) => fixedRules.has(c)).map((c) => `-F ${c}`),
      ...present.map((c) => `-X ${c}`),
      'COMMIT',
    );
  }
  return script.length === 0 ? undefined : script.join('\n') + '\n';
}
