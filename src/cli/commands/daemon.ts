// `cais daemon` reached after global flags (`cais -D daemon`): bin/cais
// runs the daemon only as the first argument, so start it here.
import { spawn } from 'node:child_process';
import type { CliContext } from '../cli-context.js';
import { daemonCommand } from '../daemon-autostart.js';
import { StatusError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

export async function run(_cli: CliContext, flags: ParsedFlags): Promise<void> {
  const child = spawn(process.execPath, daemonCommand(flags.args), { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1))));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (code !== 0) throw new StatusError('', code);
}
