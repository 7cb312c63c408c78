// `cais network create`: docker's runCreate. The body leaves out
// EnableIPv4/EnableIPv6 unless --ipv4/--ipv6 are given, as docker does.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, keyValues } from '../flags.js';
import { goSortedMap } from '../go-map.js';
import { ipamConfig } from '../network-ipam.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const str = (name: string): string => v.get(name) as string;
  const list = (name: string): string[] => v.get(name) as string[];
  const bool = (name: string): boolean => v.get(name) === true;
  let ipam;
  try {
    ipam = ipamConfig({
      driver: str('ipam-driver'),
      subnets: list('subnet'),
      ipRanges: list('ip-range'),
      gateways: list('gateway'),
      auxAddresses: keyValues(list('aux-address')),
      options: keyValues(list('ipam-opt')),
    });
  } catch (err) {
    throw new StatusError((err as Error).message);
  }
  const client = await cli.client();
  const created = await client.createNetwork({
    Driver: str('driver'),
    Scope: str('scope'),
    ...(flags.changed.has('ipv4') ? { EnableIPv4: bool('ipv4') } : {}),
    ...(flags.changed.has('ipv6') ? { EnableIPv6: bool('ipv6') } : {}),
    IPAM: ipam,
    Internal: bool('internal'),
    Attachable: bool('attachable'),
    Ingress: bool('ingress'),
    ConfigOnly: bool('config-only'),
    ConfigFrom: str('config-from') !== '' ? { Network: str('config-from') } : null,
    Options: goSortedMap(keyValues(list('opt'))),
    Labels: goSortedMap(keyValues(list('label'))),
    Name: flags.args[0],
  });
  cli.out(`${created.Id}\n`);
}
