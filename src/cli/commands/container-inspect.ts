// `cais container inspect`: the daemon's JSON of each container.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import type { GoValue } from '../format/go-value.js';
import { inspectAll } from '../inspect-output.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  const size = flags.values.get('size') === true;
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (ref) => {
      const raw = await client.inspectContainer(ref, { size });
      return { raw, typed: raw as unknown as GoValue };
    },
    (text) => cli.out(text),
  );
}
