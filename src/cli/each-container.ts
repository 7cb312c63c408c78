// Commands that act on several containers in turn (stop, kill, restart,
// wait...): each one's result is printed as it comes, failures go to
// stderr and make the command exit 1 at the end, as docker's do.
import type { CliContext } from './cli-context.js';
import { StatusError, errorText } from './errors.js';

export async function forEachContainer(cli: CliContext, names: string[], act: (name: string) => Promise<string>): Promise<void> {
  const errors: string[] = [];
  for (const name of names) {
    try {
      cli.out(`${await act(name)}\n`);
    } catch (err) {
      errors.push(errorText(err));
    }
  }
  if (errors.length > 0) throw new StatusError(errors.join('\n'));
}
