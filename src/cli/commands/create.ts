// `cais create` / `cais container create`: docker's runCreate. The
// container's id goes to stdout; an image the daemon lacks is pulled first
// ("Unable to find image ... locally"), then the create is tried again.
import { NotFound } from '../../common/index.js';
import { tagNameOnly, familiarString, tryParseNormalizedNamed } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { createRequest } from '../create-options.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags, path = 'cais create'): Promise<void> {
  const fail = (message: string): StatusError => new StatusError(`cais: ${message}\n\nRun '${path} --help' for more information`, 125);
  const req = createRequest(flags, cli.env, fail);
  const client = await cli.client();
  const create = () => client.createContainer(req.body, { name: req.name });
  let created;
  try {
    try {
      created = await create();
    } catch (err) {
      const named = tryParseNormalizedNamed(req.image);
      if (!(err instanceof NotFound) || !named) throw err;
      cli.err(`Unable to find image '${familiarString(tagNameOnly(named))}' locally\n`);
      await client.pullImage(req.image, () => {});
      created = await create();
    }
  } catch (err) {
    // The daemon's refusals are printed as they are, exit 1, as docker does.
    throw new StatusError(errorText(err));
  }
  for (const warning of created.Warnings ?? []) cli.err(`WARNING: ${warning}\n`);
  cli.out(`${created.Id}\n`);
}
