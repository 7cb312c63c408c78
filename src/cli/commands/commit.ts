// `cais commit CONTAINER [REPOSITORY[:TAG]]`: a new image from the
// container's changes; prints its id. The reference is split as docker's
// client does (familiar name and tag); a digest reference is refused.
import { InvalidArgument } from '../../common/index.js';
import { familiarName, parseNormalizedNamed, tagNameOnly } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

function splitReference(reference: string): { repo?: string; tag?: string } {
  if (reference === '') return {};
  let ref;
  try {
    ref = parseNormalizedNamed(reference);
  } catch (err) {
    // Docker prints the parser's message as is, not as a daemon's answer.
    throw err instanceof InvalidArgument ? new StatusError(err.message) : err;
  }
  if (ref.digest !== undefined) throw new StatusError('refusing to create a tag with a digest reference');
  const tagged = tagNameOnly(ref);
  return { repo: familiarName(tagged), tag: tagged.tag };
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [container, reference] = flags.args as [string, string | undefined];
  const { repo, tag } = splitReference(reference ?? '');
  const client = await cli.client();
  const { Id } = await client.commitContainer(container, {
    repo,
    tag,
    comment: flags.values.get('message') as string,
    author: flags.values.get('author') as string,
    changes: flags.values.get('change') as string[],
    pause: flags.values.get('pause') as boolean,
  });
  cli.out(`${Id}\n`);
}
