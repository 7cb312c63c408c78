// `cais volume prune`: asks first unless -f, then reports what went. Only
// anonymous volumes go unless --all (or the filter all=true).
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { confirm } from '../prompt.js';
import { printPruneReport } from '../prune-report.js';

const anonymousWarning = `WARNING! This will remove anonymous local volumes not used by at least one container.
Are you sure you want to continue?`;
const allWarning = `WARNING! This will remove all local volumes not used by at least one container.
Are you sure you want to continue?`;

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const all = flags.values.get('all') === true;
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  if (all) {
    if ('all' in filters) throw new StatusError('conflicting options: cannot specify both --all and --filter all=1');
    filters.all = ['true'];
  }
  // Declining is not an error: docker exits 0 without a word.
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, all ? allWarning : anonymousWarning))) return;
  const client = await cli.client();
  const report = await client.pruneVolumes(filters);
  printPruneReport(cli, 'Deleted Volumes', report.VolumesDeleted ?? [], report.SpaceReclaimed);
}
