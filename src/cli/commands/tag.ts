// `cais tag SOURCE TARGET`: the references are checked here first, as the
// docker client does, with its messages.
import { InvalidArgument } from '../../common/index.js';
import { parseAnyReference, parseNormalizedNamed, repositoryName } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { quoteGo } from '../format/go-printf.js';

function checked<T>(ref: string, parse: (s: string) => T): T {
  try {
    return parse(ref);
  } catch (err) {
    if (!(err instanceof InvalidArgument)) throw err;
    throw new StatusError(`Error parsing reference: ${quoteGo(ref)} is not a valid repository/tag: ${err.message}`);
  }
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [source, target] = flags.args as [string, string];
  checked(source, parseAnyReference);
  const ref = checked(target, parseNormalizedNamed);
  if (ref.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference');
  const client = await cli.client();
  await client.tagImage(source, repositoryName(ref), ref.tag ?? 'latest');
}
