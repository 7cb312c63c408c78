// `cais inspect`: low-level information on objects. Without --type each
// name is tried as a container, then as an image, a network and a volume,
// as docker does; other types (swarm objects, plugins) are refused.
import { NotFound } from '../../common/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import type { GoValue } from '../format/go-value.js';
import { imageInspectView } from '../format/image-inspect-view.js';
import { networkInspectView } from '../format/network-inspect-view.js';
import { volumeInspectView } from '../format/volume-inspect-view.js';
import { type Inspected, inspectAll } from '../inspect-output.js';

const supportedTypes = ['container', 'image', 'network', 'volume'];
const knownTypes = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const type = flags.values.get('type') as string;
  if (type !== '' && !knownTypes.includes(type)) {
    throw new StatusError(`unknown type: ${JSON.stringify(type)}: must be one of ${knownTypes.map((t) => JSON.stringify(t)).join(', ')}`);
  }
  if (type !== '' && !supportedTypes.includes(type)) {
    throw new StatusError(`cais inspect: objects of type ${JSON.stringify(type)} are not supported yet`);
  }
  const client = await cli.client();
  const size = flags.values.get('size') === true;
  const container = async (ref: string): Promise<Inspected> => {
    const raw = await client.inspectContainer(ref, { size });
    return { raw, typed: raw as unknown as GoValue };
  };
  const image = async (ref: string): Promise<Inspected> => {
    const raw = await client.inspectImage(ref);
    return { raw, typed: imageInspectView(raw) };
  };
  const network = async (ref: string): Promise<Inspected> => {
    const raw = await client.inspectNetwork(ref);
    return { raw, typed: networkInspectView(raw) };
  };
  const volume = async (ref: string): Promise<Inspected> => {
    const raw = await client.inspectVolume(ref);
    return { raw, typed: volumeInspectView(raw as unknown as Record<string, unknown>) };
  };
  // In the order docker tries them.
  const ofType = new Map([
    ['container', container],
    ['image', image],
    ['network', network],
    ['volume', volume],
  ]);
  await inspectAll(
    flags.args,
    flags.values.get('format') as string,
    async (ref) => {
      const only = ofType.get(type);
      if (only) return only(ref);
      // Without --type docker tries every kind of object, and says so.
      for (const get of ofType.values()) {
        try {
          return await get(ref);
        } catch (err) {
          if (!(err instanceof NotFound)) throw err;
        }
      }
      throw new StatusError(`Error: No such object: ${ref}`);
    },
    (text) => cli.out(text),
  );
}
