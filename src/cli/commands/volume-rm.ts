// `cais volume rm`: removes each volume in turn, printing its name; the
// failures are reported together at the end, as docker does (with -f the
// daemon ignores volumes that do not exist).
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const force = flags.values.get('force') === true;
  const client = await cli.client();
  const errors: string[] = [];
  for (const name of flags.args) {
    try {
      await client.removeVolume(name, { force });
      cli.out(`${name}\n`);
    } catch (err) {
      errors.push(errorText(err));
    }
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'));
}
