// `cais pause` and `cais unpause`: each container in turn, its name printed
// once done; the failures are reported together, as docker does.
import type { EngineClient } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, errorText } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

function eachContainer(action: (client: EngineClient, container: string) => Promise<void>) {
  return {
    async run(cli: CliContext, flags: ParsedFlags): Promise<void> {
      const client = await cli.client();
      const errors: string[] = [];
      for (const container of flags.args) {
        try {
          await action(client, container);
          cli.out(`${container}\n`);
        } catch (err) {
          errors.push(errorText(err));
        }
      }
      if (errors.length > 0) throw new StatusError(errors.join('\n'));
    },
  };
}

export const pause = eachContainer((client, container) => client.pauseContainer(container));
export const unpause = eachContainer((client, container) => client.unpauseContainer(container));
