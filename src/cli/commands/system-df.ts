// `cais system df`.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { renderDiskUsage } from '../format/disk-usage.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const client = await cli.client();
  const usage = await client.dataUsage();
  cli.out(renderDiskUsage(usage, (flags.values.get('format') as string) || 'table', flags.values.get('verbose') === true));
}
