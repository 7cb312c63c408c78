// `cais image inspect`.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { imageInspectView } from '../format/image-inspect-view.js';
import { inspectAll } from '../inspect-output.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (ref) => {
      const raw = await client.inspectImage(ref);
      return { raw, typed: imageInspectView(raw) };
    },
    (text) => cli.out(text),
  );
}
