// `cais run` / `cais container run`: docker's runContainer. Create (pulling
// when needed), then either start and print the id (-d), or attach, wait
// (for removal with --rm), start, stream stdio and exit with the
// container's exit code.
import type { CliContext } from '../cli-context.js';
import type { ParsedFlags } from '../flags.js';
import { StatusError } from '../errors.js';
import { startFailure } from '../start-errors.js';
import { createFromFlags } from './create.js';
import { attachedStart } from '../attached-start.js';

const path = 'cais run';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const detach = v.get('detach') === true;
  const interactive = v.get('interactive') === true;
  const tty = v.get('tty') === true;
  const attachList = (v.get('attach') as string[] | undefined) ?? [];
  if (detach && attachList.length > 0) throw new StatusError(`cais: Conflicting options: -a and -d\n\nRun '${path} --help' for more information`, 125);
  const attachStdin = attachList.length > 0 ? attachList.some((a) => a.toLowerCase() === 'stdin') : interactive;
  const attachStdout = attachList.length > 0 ? attachList.some((a) => a.toLowerCase() === 'stdout') : true;
  const attachStderr = attachList.length > 0 ? attachList.some((a) => a.toLowerCase() === 'stderr') : true;
  if (tty && attachStdin && !(cli.streams.stdin as { isTTY?: boolean }).isTTY) {
    throw new StatusError('the input device is not a TTY', 1);
  }
  let id: string;
  try {
    id = await createFromFlags(cli, flags, path, (body) => {
      // What docker's run sets on the config it creates: a detached container is attached to nothing.
      Object.assign(body, {
        AttachStdin: !detach && attachStdin,
        AttachStdout: !detach && attachStdout,
        AttachStderr: !detach && attachStderr,
        StdinOnce: !detach && interactive && attachStdin,
      });
      // As docker: a TTY starts at the terminal's size.
      const out = cli.streams.stdout as { isTTY?: boolean; rows?: number; columns?: number };
      if (tty && out.isTTY && out.rows && out.columns) (body.HostConfig as Record<string, unknown>).ConsoleSize = [out.rows, out.columns];
    });
  } catch (err) {
    throw startFailure(err, path);
  }
  const client = await cli.client();
  if (detach) {
    try {
      await client.startContainer(id);
    } catch (err) {
      throw startFailure(err, path);
    }
    cli.out(`${id}\n`);
    return;
  }

  await attachedStart(cli, client, id, {
    tty,
    stdin: attachStdin,
    stdout: attachStdout,
    stderr: attachStderr,
    autoRemove: v.get('rm') === true,
    sigProxy: v.get('sig-proxy') !== false,
    detachKeys: v.get('detach-keys') as string,
    path,
  });
}
