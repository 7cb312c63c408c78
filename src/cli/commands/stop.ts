// `cais stop` and `cais restart`: -s/--signal and -t/--timeout (sent only when given).
import type { CliContext } from '../cli-context.js';
import { forEachContainer } from '../each-container.js';
import { intFlag, type ParsedFlags } from '../flags.js';

export function stopOrRestart(action: 'stop' | 'restart') {
  return async (cli: CliContext, flags: ParsedFlags): Promise<void> => {
    const signal = flags.values.get('signal') as string;
    const options = { ...(signal !== '' ? { signal } : {}), ...(flags.changed.has('timeout') ? { timeout: intFlag(flags, 'timeout') } : {}) };
    const client = await cli.client();
    await forEachContainer(cli, flags.args, async (name) => {
      await client.stopContainer(name, options, action);
      return name;
    });
  };
}

export const run = stopOrRestart('stop');
