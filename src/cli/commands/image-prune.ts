// `cais image prune`: asks first unless -f, then reports what went.
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { confirm } from '../prompt.js';
import { printPruneReport } from '../prune-report.js';

const allWarning = `WARNING! This will remove all images without at least one container associated to them.
Are you sure you want to continue?`;
const danglingWarning = `WARNING! This will remove all dangling images.
Are you sure you want to continue?`;

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const all = flags.values.get('all') === true;
  const filters = filtersFrom(flags.values.get('filter') as string[]);
  filters.dangling = [String(!all)];
  // Declining is not an error: docker exits 0 without a word.
  if (flags.values.get('force') !== true && !(await confirm(cli.streams, all ? allWarning : danglingWarning))) return;
  const client = await cli.client();
  const report = await client.pruneImages(filters);
  const lines = (report.ImagesDeleted ?? []).map((item) => (item.Untagged ? `untagged: ${item.Untagged}` : `deleted: ${item.Deleted ?? ''}`));
  printPruneReport(cli, 'Deleted Images', lines, report.SpaceReclaimed);
}
