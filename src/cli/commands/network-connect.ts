// `cais network connect`: docker's runConnect. Its endpoint always carries
// an IPAMConfig, the aliases and the driver options, empty or not.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, intFlag } from '../flags.js';
import { goSortedMap } from '../go-map.js';
import { endpointJson, ipamJson } from '../network-opts.js';

/** convertDriverOpt: key=value pairs, trimmed. */
function driverOpts(values: string[]): Record<string, string> {
  const opts: Record<string, string> = {};
  for (const opt of values) {
    const eq = opt.indexOf('=');
    const key = (eq < 0 ? opt : opt.slice(0, eq)).trim();
    if (eq < 0 || key === '') throw new StatusError('invalid key/value pair format in driver options');
    opts[key] = opt.slice(eq + 1).trim();
  }
  return goSortedMap(opts);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const list = (name: string): string[] => v.get(name) as string[];
  const [network, container] = flags.args as [string, string];
  const opts = driverOpts(list('driver-opt'));
  const links = list('link');
  const client = await cli.client();
  await client.connectNetwork(network, {
    Container: container,
    EndpointConfig: endpointJson({
      IPAMConfig: ipamJson(v.get('ip') as string, v.get('ip6') as string, list('link-local-ip')),
      Links: links.length > 0 ? links : null,
      Aliases: list('alias'),
      MacAddress: '',
      DriverOpts: opts,
      GwPriority: intFlag(flags, 'gw-priority'),
    }),
  });
}
