// `cais volume create`: prints the new (or existing) volume's name.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, keyValues } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  let name = v.get('name') as string;
  const arg = flags.args[0];
  if (arg !== undefined) {
    if (name !== '') throw new StatusError('conflicting options: cannot specify a volume-name through both --name and as a positional arg');
    name = arg;
  }
  const client = await cli.client();
  const volume = await client.createVolume({
    Name: name,
    Driver: v.get('driver') as string,
    DriverOpts: keyValues(v.get('opt') as string[]),
    Labels: keyValues(v.get('label') as string[]),
  });
  cli.out(`${volume.Name}\n`);
}
