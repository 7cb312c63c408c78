// `cais network prune`: asks first unless -f, then lists the networks that
// went (nothing when none did; declining is no error, as in docker).
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { confirm } from '../prompt.js';

const warning = `WARNING! This will remove all custom networks not used by at least one container.
Are you sure you want to continue?`;

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, warning))) return;
  const client = await cli.client();
  const report = await client.pruneNetworks(filtersFrom(flags.values.get('filter') as string[]));
  const deleted = report.NetworksDeleted ?? [];
  if (deleted.length > 0) cli.out(`Deleted Networks:\n${deleted.map((id) => `${id}\n`).join('')}\n`);
}
