// `cais registry gc`: mark and sweep of a registry directory, printing
// what it marks and removes as distribution's garbage-collect does.
import type { CliContext } from '../cli-context.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const root = flags.values.get('root') as string;
  if (root === '') throw new StatusError('--root is required');
  const { collectRegistryGarbage } = await import('../../registry/server/index.js');
  try {
    await collectRegistryGarbage({
      root,
      dryRun: flags.values.get('dry-run') === true,
      deleteUntagged: flags.values.get('delete-untagged') === true,
      log: (line) => cli.out(line + '\n'),
    });
  } catch (err) {
    throw new StatusError(`cais registry gc: ${(err as Error).message}`);
  }
}
