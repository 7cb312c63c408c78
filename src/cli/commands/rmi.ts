// `cais rmi` / `cais image rm`: removes each image in turn, reporting
// failures together at the end, as docker does (not-found errors with -f
// are printed but do not fail the command).
import { NotFound } from '../../common/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const force = flags.values.get('force') === true;
  const noPrune = flags.values.get('no-prune') === true;
  const client = await cli.client();
  const errors: string[] = [];
  let fatal = false;
  for (const image of flags.args) {
    try {
      for (const item of await client.removeImage(image, { force, noPrune })) {
        cli.out(item.Deleted ? `Deleted: ${item.Deleted}\n` : `Untagged: ${item.Untagged ?? ''}\n`);
      }
    } catch (err) {
      if (!(err instanceof NotFound)) fatal = true;
      errors.push(errorText(err));
    }
  }
  if (errors.length === 0) return;
  if (!force || fatal) throw new StatusError(errors.join('\n'));
  cli.err(errors.join('\n') + '\n');
}
