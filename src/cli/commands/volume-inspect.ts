// `cais volume inspect`: the daemon's JSON of each volume.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { volumeInspectView } from '../format/volume-inspect-view.js';
import { inspectAll } from '../inspect-output.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (name) => {
      const raw = await client.inspectVolume(name);
      return { raw, typed: volumeInspectView(raw as unknown as Record<string, unknown>), typedOnly: true };
    },
    (text) => cli.out(text),
  );
}
