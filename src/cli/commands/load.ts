// `cais load` / `cais image load`: sends a docker-archive or OCI layout tar
// (a file with -i, or stdin) and shows the daemon's messages.
import { createReadStream, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CliContext } from '../cli-context.js';
import { StatusError, goFileError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { MessageDisplay } from '../progress.js';

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const input = flags.values.get('input') as string;
  let body: Readable;
  if (input === '') {
    // A terminal on stdin would wait for ever.
    if (cli.streams.stdin.isTTY) throw new StatusError('requested load from stdin, but stdin is empty');
    body = cli.streams.stdin as Readable;
  } else {
    let fd: number;
    try {
      fd = openSync(input, 'r');
    } catch (err) {
      throw goFileError(err, 'open', input);
    }
    body = createReadStream(input, { fd });
  }
  // Without a terminal docker asks for the quiet form (no progress bars).
  const quiet = flags.values.get('quiet') === true || !cli.streams.stdout.isTTY;
  const client = await cli.client();
  const display = new MessageDisplay(cli.streams.stdout);
  await client.loadImages(body, { quiet }, (m) => display.show(m));
}
