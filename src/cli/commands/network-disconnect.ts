// `cais network disconnect`: docker's runDisconnect.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [network, container] = flags.args as [string, string];
  const client = await cli.client();
  await client.disconnectNetwork(network, { Container: container, Force: flags.values.get('force') === true });
}
