// `cais builder prune`: asks first unless -f, then lists the build cache
// records that went and the space reclaimed, as docker 28 does.
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { ramInBytes } from '../parse-units.js';
import { confirm } from '../prompt.js';
import { printPruneReport } from '../prune-report.js';

const danglingWarning = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
const allWarning = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const all = flags.values.get('all') === true;
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  const keep = flags.values.get('keep-storage') as string;
  // Declining is not an error: docker exits 0 without a word.
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, all ? allWarning : danglingWarning))) return;
  const client = await cli.client();
  const report = await client.pruneBuildCache({ all, filters, keepStorage: keep === '' ? 0 : ramInBytes(keep) });
  printPruneReport(cli, 'Deleted build cache objects', report.CachesDeleted ?? [], report.SpaceReclaimed);
}
