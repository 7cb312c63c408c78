// docker run and docker start -a: attach first, have the daemon wait, start,
// relay stdio (forwarding signals without a TTY), and end with the
// container's exit code as the command's status.
import type { EngineClient } from '../client/index.js';
import type { CliContext } from './cli-context.js';
import { StatusError } from './errors.js';
import { streamHijacked } from './hijacked-io.js';
import { proxySignals } from './signal-proxy.js';
import { startFailure } from './start-errors.js';

export interface AttachedStartOptions {
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** --rm: wait for the removal, which the daemon does after the exit (or a failed start). */
  autoRemove: boolean;
  sigProxy: boolean;
  detachKeys: string;
  /** The command, for error hints ("cais run"). */
  path: string;
}

export async function attachedStart(cli: CliContext, client: EngineClient, id: string, opts: AttachedStartOptions): Promise<void> {
  const query = new URLSearchParams({ stream: '1' });
  for (const stream of ['stdin', 'stdout', 'stderr'] as const) if (opts[stream]) query.set(stream, '1');
  const conn = await client.attachContainer(id, query);
  const { exitCode } = await client.waitContainer(id, opts.autoRemove ? 'removed' : 'next-exit');
  exitCode.catch(() => undefined);
  // The TTY can be resized once the container runs (docker's MonitorTtySize comes after the start).
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (started = resolve));
  const io = streamHijacked(conn, cli.streams, {
    tty: opts.tty,
    stdin: opts.stdin,
    resize: (h, w) => running.then(() => client.resizeContainer(id, h, w)),
    detachKeys: opts.detachKeys,
  });
  try {
    await client.startContainer(id);
    started();
  } catch (err) {
    conn.destroy();
    await io.catch(() => undefined);
    if (opts.autoRemove) await exitCode.catch(() => undefined);
    throw startFailure(err, opts.path);
  }
  const stopProxy = !opts.tty && opts.sigProxy ? proxySignals((signal) => client.killContainer(id, signal)) : () => undefined;
  try {
    // Detached: the container runs on, and so does the command's success.
    if (await io) return;
    const code = await exitCode;
    if (code !== 0) throw new StatusError('', code);
  } finally {
    stopProxy();
  }
}
