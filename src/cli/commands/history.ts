// `cais history` / `cais image history`: docker's runHistory.
import type { ImageHistoryItem } from '../../spec/docker/index.js';
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { renderRows } from '../format/formatter.js';
import { historyFormat, historyHeader, historyRow } from '../format/history-rows.js';

/** The output for these flags, given the daemon's history of the image. */
export function renderHistory(flags: ParsedFlags, history: ImageHistoryItem[]): string {
  const v = flags.values;
  const human = v.get('human') === true;
  const trunc = v.get('no-trunc') !== true;
  const format = historyFormat((v.get('format') as string) || 'table', v.get('quiet') === true, human);
  return renderRows(format, history.map((h) => historyRow(h, trunc, human)), historyHeader);
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  cli.out(renderHistory(flags, await client.imageHistory(flags.args[0] as string)));
}
