// `cais start`: without -a, starts each container and prints its name;
// with -a (one container), attaches first and exits with its exit code.
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { attachedStart } from '../attached-start.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const attach = flags.values.get('attach') === true;
  const interactive = flags.values.get('interactive') === true;
  const client = await cli.client();
  if (!attach && !interactive) {
    const failed: string[] = [];
    for (const name of flags.args) {
      try {
        await client.startContainer(name);
        cli.out(`${name}\n`);
      } catch (err) {
        cli.err(`${errorText(err)}\n`);
        failed.push(name);
      }
    }
    if (failed.length > 0) throw new StatusError(`Error: failed to start containers: ${failed.join(', ')}`);
    return;
  }
  if (flags.args.length > 1) throw new StatusError('you cannot start and attach multiple containers at once');
  const [name = ''] = flags.args;
  let c;
  try {
    c = await client.inspectContainer(name);
  } catch (err) {
    throw new StatusError(errorText(err));
  }
  await attachedStart(cli, client, c.Id, {
    tty: c.Config.Tty,
    stdin: interactive && c.Config.OpenStdin,
    stdout: true,
    stderr: true,
    autoRemove: false,
    sigProxy: true,
    detachKeys: flags.values.get('detach-keys') as string,
    path: 'cais start',
  });
}
