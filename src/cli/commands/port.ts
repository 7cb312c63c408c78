// `cais port CONTAINER [PRIVATE_PORT[/PROTO]]`: docker's runPort, from the
// container's NetworkSettings.Ports: every mapping ("80/tcp -> 0.0.0.0:8080")
// or the host addresses of one port, in natural order.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { naturalCompare } from '../format/natural-sort.js';
import { joinHostPort } from '../go-net.js';
import { parsePortNumber } from '../port-specs.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [ref, wanted] = flags.args as [string, string | undefined];
  const client = await cli.client();
  const ports = (await client.inspectContainer(ref)).NetworkSettings?.Ports ?? {};
  const address = (b: { HostIp: string; HostPort: string }): string => joinHostPort(b.HostIp, b.HostPort);
  let out: string[];
  if (wanted !== undefined) {
    const slash = wanted.indexOf('/');
    const port = slash < 0 ? wanted : wanted.slice(0, slash);
    const proto = slash < 0 || slash === wanted.length - 1 ? 'tcp' : wanted.slice(slash + 1);
    try {
      parsePortNumber(port);
    } catch (err) {
      throw new StatusError(`Error: invalid port (${port}): ${(err as Error).message}`);
    }
    const frontends = ports[`${port}/${proto}`] ?? [];
    if (frontends.length === 0) throw new StatusError(`Error: No public port '${wanted}' published for ${ref}`);
    out = frontends.map(address);
  } else {
    out = Object.entries(ports).flatMap(([from, frontends]) => (frontends ?? []).map((b) => `${from} -> ${address(b)}`));
  }
  if (out.length > 0) cli.out(`${out.sort(naturalCompare).join('\n')}\n`);
}
