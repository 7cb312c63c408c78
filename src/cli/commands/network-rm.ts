// `cais network rm`: removes each network in turn, printing its name;
// failures go to stderr as they come and make it exit 1 ("exit status 1"),
// as docker's does. With -f a network that does not exist is no failure.
// Removing the swarm's ingress network asks first.
import { NotFound } from '../../common/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { confirm } from '../prompt.js';

const ingressWarning =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same cais engine version. ' +
  'Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const force = flags.values.get('force') === true;
  const client = await cli.client();
  let failed = false;
  for (const name of flags.args) {
    const ingress = await client.inspectNetwork(name).then((n) => n.Ingress === true, () => false);
    if (ingress && !(await confirm(cli.streams, ingressWarning))) continue;
    try {
      await client.removeNetwork(name);
      cli.out(`${name}\n`);
    } catch (err) {
      if (force && err instanceof NotFound) continue;
      cli.err(`${errorText(err)}\n`);
      failed = true;
    }
  }
  if (failed) throw new StatusError('exit status 1');
}
