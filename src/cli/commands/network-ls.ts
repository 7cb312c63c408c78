// `cais network ls`: docker's runList, sorted by name as docker sorts it.
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { renderRows } from '../format/formatter.js';
import { naturalCompare } from '../format/natural-sort.js';
import { networkFormat, networkHeader, networkRow } from '../format/network-rows.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const client = await cli.client();
  const networks = await client.listNetworks(filtersFrom(v.get('filter') as string[]));
  const format = networkFormat(v.get('format') as string, v.get('quiet') === true);
  const trunc = v.get('no-trunc') !== true;
  const rows = [...networks].sort((a, b) => naturalCompare(a.Name, b.Name)).map((n) => networkRow(n as unknown as Record<string, unknown>, trunc));
  cli.out(renderRows(format, rows, networkHeader));
}
