// `cais exec` / `cais container exec`: docker's RunExec. The container is
// inspected first (so "No such container" wins over other errors), the
// exec created and started: detached, that is all; else attached through
// the hijacked connection, and the exit code is the process's, read back
// from the exec afterwards (126/127 when it could not run).
import type { CliContext } from '../cli-context.js';
import { envValue, readEnvFile } from '../create-options.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { streamHijacked } from '../hijacked-io.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [container = '', ...cmd] = flags.args;
  const bool = (name: string) => flags.values.get(name) === true;
  const str = (name: string) => (flags.values.get(name) as string | undefined) ?? '';
  const list = (name: string) => (flags.values.get(name) as string[] | undefined) ?? [];
  const detach = bool('detach');
  const tty = bool('tty');
  let env: string[];
  try {
    env = [...list('env-file').flatMap((file) => readEnvFile(file, cli.env)), ...list('env').map((e) => envValue(e, cli.env))];
  } catch (err) {
    throw new StatusError(errorText(err));
  }
  // As docker: without -d, stdout and stderr are attached, and stdin with -i.
  const attachStdin = !detach && bool('interactive');
  const stdout = cli.streams.stdout as NodeJS.WritableStream & { rows?: number; columns?: number };
  const consoleSize: [number, number] | null = tty ? [stdout.rows ?? 0, stdout.columns ?? 0] : null;
  const client = await cli.client();
  try {
    await client.inspectContainer(container);
    if (!detach && tty && attachStdin && cli.streams.stdin.isTTY !== true) throw new StatusError('the input device is not a TTY');
    const { Id: id } = await client.createExec(container, {
      User: str('user'),
      Privileged: bool('privileged'),
      Tty: tty,
      ConsoleSize: consoleSize,
      AttachStdin: attachStdin,
      AttachStdout: !detach,
      AttachStderr: !detach,
      DetachKeys: str('detach-keys'),
      Env: env,
      WorkingDir: str('workdir'),
      Cmd: cmd,
    });
    if (detach) {
      await client.startExec(id, { Detach: true, Tty: tty, ConsoleSize: consoleSize });
      return;
    }
    const socket = await client.startExec(id, { Tty: tty, ConsoleSize: consoleSize });
    const detached = await streamHijacked(socket, cli.streams, { tty, stdin: attachStdin, resize: (h, w) => client.resizeExec(id, h, w), detachKeys: str('detach-keys') });
    if (detached) return;
    const { ExitCode: code } = await client.inspectExec(id);
    if (code !== 0) throw new StatusError('', code ?? 1);
  } catch (err) {
    if (err instanceof StatusError) throw err;
    throw new StatusError(errorText(err));
  }
}
