// `cais volume ls`: docker's runList, sorted by name as docker sorts it.
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom } from '../flags.js';
import { renderRows } from '../format/formatter.js';
import { naturalCompare } from '../format/natural-sort.js';
import { volumeHeader, volumeRow } from '../format/volume-rows.js';

/** docker's NewVolumeFormat. */
function volumeFormat(source: string, quiet: boolean): string {
  if (source === 'table' || source === '') return quiet ? '{{.Name}}' : 'table {{.Driver}}\t{{.Name}}';
  if (source === 'raw') return quiet ? 'name: {{.Name}}' : 'name: {{.Name}}\ndriver: {{.Driver}}\n';
  return source;
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  const { Volumes } = await client.listVolumes(filtersFrom(flags.values.get('filter') as string[]));
  const format = volumeFormat(flags.values.get('format') as string, flags.values.get('quiet') === true);
  const rows = [...Volumes].sort((a, b) => naturalCompare(a.Name, b.Name)).map((v) => volumeRow(v as unknown as Record<string, unknown>));
  cli.out(renderRows(format, rows, volumeHeader));
}
