// `cais top` / `cais container top`: the container's processes as the
// daemon's ps lists them, in docker's columns (tabwriter 20, 1, 3).
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { TabWriter } from '../format/tabwriter.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [container = '', ...psArgs] = flags.args;
  const client = await cli.client();
  const top = await client.topContainer(container, psArgs.join(' '));
  const writer = new TabWriter(20, 3);
  writer.write(top.Titles.join('\t') + '\n');
  for (const row of top.Processes) writer.write(row.join('\t') + '\n');
  cli.out(writer.flush());
}
