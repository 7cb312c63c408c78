// `cais network inspect`: the daemon's JSON of each network (-v asks the
// daemon for its verbose view).
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { networkInspectView } from '../format/network-inspect-view.js';
import { inspectAll } from '../inspect-output.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  const verbose = flags.values.get('verbose') === true;
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (name) => {
      const raw = await client.inspectNetwork(name, { verbose });
      return { raw, typed: networkInspectView(raw) };
    },
    (text) => cli.out(text),
  );
}
