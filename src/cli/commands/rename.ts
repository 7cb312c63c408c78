// `cais rename` / `cais container rename`: docker's runRename, which prints
// the daemon's error and then its own.
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [oldName = '', newName = ''] = flags.args.map((a) => a.trim());
  if (oldName === '' || newName === '') throw new StatusError('Error: Neither old nor new names may be empty');
  const client = await cli.client();
  try {
    await client.renameContainer(oldName, newName);
  } catch (err) {
    cli.err(`${errorText(err)}\n`);
    throw new StatusError(`Error: failed to rename container named ${oldName}`);
  }
}
