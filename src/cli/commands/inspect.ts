// `cais inspect`: low-level information on objects; cais has images only
// so far, so other --type values are refused.
import { NotFound } from '../../common/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { imageInspectView } from '../format/image-inspect-view.js';
import { inspectAll } from '../inspect-output.js';

const knownTypes = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const type = flags.values.get('type') as string;
  if (type !== '' && !knownTypes.includes(type)) {
    throw new StatusError(`unknown type: ${JSON.stringify(type)}: must be one of ${knownTypes.map((t) => JSON.stringify(t)).join(', ')}`);
  }
  if (type !== '' && type !== 'image') throw new StatusError(`cais inspect: objects of type ${JSON.stringify(type)} are not supported yet`);
  const client = await cli.client();
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (ref) => {
      try {
        const raw = await client.inspectImage(ref);
        return { raw, typed: imageInspectView(raw) };
      } catch (err) {
        // Without --type docker tries every kind of object, and says so.
        if (err instanceof NotFound && type === '') throw new StatusError(`Error: No such object: ${ref}`);
        throw err;
      }
    },
    (text) => cli.out(text),
  );
}
