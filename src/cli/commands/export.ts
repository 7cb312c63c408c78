// `cais export`: the daemon's tar of a container's root file system, to
// stdout or a file (-o), as `docker export`.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { checkTarOutput, writeTarOutput } from '../output-file.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const output = flags.values.get('output') as string;
  checkTarOutput(cli, output, 'failed to export container');
  const client = await cli.client();
  await writeTarOutput(cli, await client.exportContainer(flags.args[0]!), output, 'failed to export container');
}
