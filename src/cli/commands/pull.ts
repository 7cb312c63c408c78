// `cais pull` / `cais image pull`: docker's runPull. The daemon pulls with
// the credentials kept for the registry; a name without a tag gets
// `latest` (or every tag with -a); the full reference is printed last.
import { InvalidArgument } from '../../common/index.js';
import { parseNormalizedNamed, referenceString, type NamedReference } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { registryAuthFor } from '../credentials.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { MessageDisplay } from '../progress.js';

export function parseImageName(name: string): NamedReference {
  try {
    return parseNormalizedNamed(name);
  } catch (err) {
    if (err instanceof InvalidArgument) throw new StatusError(`invalid reference format: ${err.message}`);
    throw err;
  }
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const name = flags.args[0]!;
  const allTags = flags.values.get('all-tags') === true;
  const quiet = flags.values.get('quiet') === true;
  const platform = (flags.values.get('platform') as string | undefined) ?? cli.env.DOCKER_DEFAULT_PLATFORM ?? '';
  let ref = parseImageName(name);
  const bare = ref.tag === undefined && ref.digest === undefined;
  if (allTags && !bare) throw new StatusError('tag can\'t be used with --all-tags/-a');
  if (bare && !allTags) {
    ref = { ...ref, tag: 'latest' };
    if (!quiet) cli.out('Using default tag: latest\n');
  }
  const client = await cli.client();
  const display = new MessageDisplay(cli.streams.stdout);
  await client.pullImage(referenceString(ref), (m) => quiet || display.show(m), {
    allTags,
    auth: registryAuthFor(cli.env, ref.domain),
    ...(platform !== '' ? { platform } : {}),
  });
  cli.out(`${allTags ? referenceString({ domain: ref.domain, path: ref.path }) : referenceString(ref)}\n`);
}
