// `cais push` / `cais image push`: docker's runPush, with the credentials
// kept for the registry. A name without a tag pushes `latest` (every tag
// with -a).
import type { CliContext } from '../cli-context.js';
import { registryAuthFor } from '../credentials.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { MessageDisplay } from '../progress.js';
import { referenceString } from '../../spec/reference/index.js';
import { parseImageName } from './pull.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const allTags = flags.values.get('all-tags') === true;
  const quiet = flags.values.get('quiet') === true;
  let ref = parseImageName(flags.args[0]!);
  if (ref.digest !== undefined) throw new StatusError('cannot push a digest reference');
  if (allTags && ref.tag !== undefined) throw new StatusError('tag can\'t be used with --all-tags/-a');
  if (!allTags && ref.tag === undefined) {
    ref = { ...ref, tag: 'latest' };
    if (!quiet) cli.out('Using default tag: latest\n');
  }
  const client = await cli.client();
  const display = new MessageDisplay(cli.streams.stdout);
  await client.pushImage(referenceString(ref), (m) => quiet || display.show(m), { auth: registryAuthFor(cli.env, ref.domain) });
  if (quiet) cli.out(`${referenceString(ref)}\n`);
}
