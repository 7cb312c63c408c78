// `cais container prune`: asks first unless -f, then reports what went.
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { confirm } from '../prompt.js';
import { printPruneReport } from '../prune-report.js';

const warning = `WARNING! This will remove all stopped containers.
Are you sure you want to continue?`;

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, warning))) return;
  const client = await cli.client();
  const report = await client.pruneContainers(filters);
  printPruneReport(cli, 'Deleted Containers', report.ContainersDeleted ?? [], report.SpaceReclaimed);
}
