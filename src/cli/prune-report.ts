// The report every `prune` prints: what went under a heading, then the
// space reclaimed (0B when nothing went, whatever the daemon says).
import type { CliContext } from './cli-context.js';
import { humanSize } from './format/units.js';

export function printPruneReport(cli: CliContext, heading: string, lines: string[], reclaimed: number): void {
  if (lines.length > 0) cli.out(`${heading}:\n${lines.map((line) => `${line}\n`).join('')}\n`);
  cli.out(`Total reclaimed space: ${humanSize(lines.length > 0 ? reclaimed : 0)}\n`);
}
