// `cais rm` / `cais container rm`: removes each container in turn, printing
// the names as given; failures are reported together at the end (with -f,
// a container that does not exist is printed but does not fail), as docker does.
import { NotFound } from '../../common/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const force = flags.values.get('force') === true;
  const volumes = flags.values.get('volumes') === true;
  const client = await cli.client();
  const errors: string[] = [];
  let fatal = false;
  for (const arg of flags.args) {
    const name = arg.replace(/^\/+|\/+$/g, '');
    if (name === '') {
      errors.push('Container name cannot be empty');
      fatal = true;
      continue;
    }
    try {
      await client.removeContainer(name, { force, volumes });
      cli.out(`${name}\n`);
    } catch (err) {
      if (!(err instanceof NotFound)) fatal = true;
      errors.push(errorText(err));
    }
  }
  if (errors.length === 0) return;
  if (!force || fatal) throw new StatusError(errors.join('\n'));
  cli.err(errors.join('\n') + '\n');
}
