// `cais kill`: SIGKILL unless -s names another signal.
import type { CliContext } from '../cli-context.js';
import { forEachContainer } from '../each-container.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const signal = flags.values.get('signal') as string;
  const client = await cli.client();
  await forEachContainer(cli, flags.args, async (name) => {
    await client.killContainer(name, signal);
    return name;
  });
}
