// `cais start`: without -a, starts each container and prints its name;
// with -a (one container), attaches first and exits with its exit code.
import type { CliContext } from '../cli-context.js';
import { streamHijacked } from '../hijacked-io.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { proxySignals } from '../signal-proxy.js';
import { startFailure } from '../start-errors.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const attach = flags.values.get('attach') === true;
  const interactive = flags.values.get('interactive') === true;
  const client = await cli.client();
  if (!attach && !interactive) {
    const failed: string[] = [];
    for (const name of flags.args) {
      try {
        await client.startContainer(name);
        cli.out(`${name}\n`);
      } catch (err) {
        cli.err(`${errorText(err)}\n`);
        failed.push(name);
      }
    }
    if (failed.length > 0) throw new StatusError(`Error: failed to start containers: ${failed.join(', ')}`);
    return;
  }
  if (flags.args.length > 1) throw new StatusError('you cannot start and attach multiple containers at once');
  const [name = ''] = flags.args;
  let c;
  try {
    c = await client.inspectContainer(name);
  } catch (err) {
    throw new StatusError(errorText(err));
  }
  const tty = c.Config.Tty;
  const stdin = interactive && c.Config.OpenStdin;
  const query = new URLSearchParams({ stream: '1', stdout: '1', stderr: '1' });
  if (stdin) query.set('stdin', '1');
  const conn = await client.attachContainer(c.Id, query);
  const { exitCode } = await client.waitContainer(c.Id, 'next-exit');
  exitCode.catch(() => undefined);
  const io = streamHijacked(conn, cli.streams, { tty, stdin, resize: (h, w) => client.resizeContainer(c.Id, h, w) });
  try {
    await client.startContainer(c.Id);
  } catch (err) {
    conn.destroy();
    await io.catch(() => undefined);
    throw startFailure(err, 'cais start');
  }
  const stopProxy = tty ? () => undefined : proxySignals((signal) => client.killContainer(c.Id, signal));
  try {
    await io;
    const code = await exitCode;
    if (code !== 0) throw new StatusError('', code);
  } finally {
    stopProxy();
  }
}
