// `cais save`: the daemon's tar of the images, to stdout or a file (-o).
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { checkTarOutput, writeTarOutput } from '../output-file.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const output = flags.values.get('output') as string;
  checkTarOutput(cli, output, 'failed to save image');
  const client = await cli.client();
  await writeTarOutput(cli, await client.saveImages(flags.args), output, 'failed to save image');
}
