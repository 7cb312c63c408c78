// `cais diff`: the container's changes, one "KIND PATH" line each (A added,
// C changed, D deleted), in the daemon's order, as `docker diff`.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';

const kinds = ['C', 'A', 'D'];

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  const changes = (await client.containerChanges(flags.args[0]!)) ?? [];
  cli.out(changes.map((c) => `${kinds[c.Kind] ?? '?'} ${c.Path}\n`).join(''));
}
