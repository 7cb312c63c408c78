// `cais logs`: the container's log, split into our stdout and stderr
// (raw with a TTY, as the container wrote it), optionally following it.
import type { CliContext } from '../cli-context.js';
import { demultiplex } from '../../client/index.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { apiTimestamp } from '../timestamp.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const v = flags.values;
  const [name = ''] = flags.args;
  const query = new URLSearchParams({ stdout: '1', stderr: '1' });
  try {
    for (const key of ['since', 'until'] as const) {
      const value = v.get(key) as string;
      if (value !== '') query.set(key, apiTimestamp(value));
    }
  } catch (err) {
    throw new StatusError((err as Error).message);
  }
  if (v.get('timestamps') === true) query.set('timestamps', '1');
  if (v.get('follow') === true) query.set('follow', '1');
  if (v.get('details') === true) query.set('details', '1');
  query.set('tail', v.get('tail') as string);
  const client = await cli.client();
  try {
    const c = await client.inspectContainer(name);
    const body = await client.containerLogs(name, query);
    if (c.Config.Tty) {
      for await (const chunk of body) cli.streams.stdout.write(chunk as Buffer);
    } else {
      await demultiplex(body, cli.streams.stdout, cli.streams.stderr);
    }
  } catch (err) {
    throw new StatusError(errorText(err));
  }
}
