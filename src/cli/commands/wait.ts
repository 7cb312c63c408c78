// `cais wait`: each container's exit code once it is not running.
import type { CliContext } from '../cli-context.js';
import { forEachContainer } from '../each-container.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  await forEachContainer(cli, flags.args, async (name) => String(await (await client.waitContainer(name)).exitCode));
}
