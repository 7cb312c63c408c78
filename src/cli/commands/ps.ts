// `cais ps` / `cais container ls`: docker's runPs.
import type { ContainerSummary } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import { type ParsedFlags, filtersFrom, intFlag } from '../flags.js';
import { containerHeader, containerRow } from '../format/container-rows.js';
import { parseFormat, renderRows, templateText } from '../format/formatter.js';

const defaultTable = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** docker's NewContainerFormat. */
function containerFormat(source: string, quiet: boolean, size: boolean): string {
  if (source === 'table' || source === '') return quiet ? '{{.ID}}' : defaultTable + (size ? '\t{{.Size}}' : '');
  if (source === 'raw') {
    if (quiet) return 'container_id: {{.ID}}';
    const base = 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n';
    return size ? `${base}size: {{.Size}}\n` : base;
  }
  return source;
}

export function renderContainers(flags: ParsedFlags, containers: ContainerSummary[], size: boolean): string {
  const format = containerFormat(flags.values.get('format') as string, flags.values.get('quiet') === true, size);
  const trunc = flags.values.get('no-trunc') !== true;
  return renderRows(format, (function* () {
    for (const c of containers) yield containerRow(c as unknown as Record<string, unknown>, trunc);
  })(), containerHeader);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const format = v.get('format') as string;
  const quiet = v.get('quiet') === true;
  let last = intFlag(flags, 'last');
  if (v.get('latest') === true && last === -1) last = 1;
  let size = v.get('size') === true;
  if (format !== '') {
    // Docker checks the template before asking, and asks for sizes when it uses them (unless --size=false).
    parseFormat(templateText(format));
    if (!quiet && !size && !flags.changed.has('size') && /\.Size\b/.test(format)) size = true;
  }
  const client = await cli.client();
  const containers = await client.listContainers({
    all: v.get('all') === true,
    limit: last,
    size,
    filters: filtersFrom(v.get('filter') as string[]),
  });
  cli.out(renderContainers(flags, containers, size));
}
