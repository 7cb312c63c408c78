// `cais tag SOURCE TARGET`: the references are checked here first, as the
// docker client does, with its messages.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { quoteGo } from '../format/go-printf.js';
import { type Reference, ReferenceError, parseNormalizedNamed, referenceName } from '../reference.js';

function checked(ref: string, parse: (s: string) => Reference | undefined): Reference | undefined {
  try {
    return parse(ref);
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw new StatusError(`Error parsing reference: ${quoteGo(ref)} is not a valid repository/tag: ${err.message}`);
  }
}

/** reference.ParseAnyReference: an image id or digest, else a name. */
function parseAnyReference(s: string): Reference | undefined {
  if (/^([a-f0-9]{64}|sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/.test(s)) return undefined;
  return parseNormalizedNamed(s);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [source, target] = flags.args as [string, string];
  checked(source, parseAnyReference);
  const ref = checked(target, parseNormalizedNamed) as Reference;
  if (ref.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference');
  const client = await cli.client();
  await client.tagImage(source, referenceName(ref), ref.tag ?? 'latest');
}
