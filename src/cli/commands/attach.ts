// `cais attach`: our stdio to a running container's, until its output
// ends; exits with its exit code, as docker's attach does.
import type { CliContext } from '../cli-context.js';
import { streamHijacked } from '../hijacked-io.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { proxySignals } from '../signal-proxy.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [name = ''] = flags.args;
  const client = await cli.client();
  let c;
  try {
    c = await client.inspectContainer(name);
  } catch (err) {
    throw new StatusError(errorText(err));
  }
  if (!c.State.Running) throw new StatusError('You cannot attach to a stopped container, start it first');
  if (c.State.Paused) throw new StatusError('You cannot attach to a paused container, unpause it first');
  const stdin = flags.values.get('no-stdin') !== true && c.Config.OpenStdin;
  const query = new URLSearchParams({ stream: '1', stdout: '1', stderr: '1' });
  if (stdin) query.set('stdin', '1');
  const conn = await client.attachContainer(c.Id, query);
  const stopProxy = !c.Config.Tty && flags.values.get('sig-proxy') !== false ? proxySignals((signal) => client.killContainer(c.Id, signal)) : () => undefined;
  try {
    const options = { tty: c.Config.Tty, stdin, resize: (h: number, w: number) => client.resizeContainer(c.Id, h, w) };
    if (await streamHijacked(conn, cli.streams, { ...options, detachKeys: flags.values.get('detach-keys') as string })) return;
  } finally {
    stopProxy();
  }
  const { exitCode } = await client.waitContainer(c.Id);
  const code = await exitCode;
  if (code !== 0) throw new StatusError('', code);
}
