// `cais import file|URL|- [REPOSITORY[:TAG]]`: sends a root filesystem tar
// for the daemon to make a one-layer image of; prints the new image's id.
import { createReadStream, openSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InvalidArgument } from '../../common/index.js';
import { parseNormalizedNamed } from '../../spec/reference/index.js';
import type { CliContext } from '../cli-context.js';
import { StatusError, goFileError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';
import { MessageDisplay } from '../progress.js';

/**
 * The tar to send. A URL is fetched here and streamed on (docker has the
 * daemon fetch it; the client has no fromSrc=URL yet).
 */
async function source(cli: CliContext, src: string): Promise<Readable> {
  if (src === '-') return cli.streams.stdin as Readable;
  if (src.startsWith('http://') || src.startsWith('https://')) {
    let res: Response;
    try {
      res = await fetch(src);
    } catch (err) {
      throw new StatusError(`Get ${JSON.stringify(src)}: ${(err as Error).message}`);
    }
    if (!res.ok || !res.body) throw new StatusError(`Get ${JSON.stringify(src)}: ${res.status} ${res.statusText}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }
  let fd: number;
  try {
    fd = openSync(src, 'r');
  } catch (err) {
    throw goFileError(err, 'open', src);
  }
  return createReadStream(src, { fd });
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const [src, ref] = flags.args as [string, string | undefined];
  const body = await source(cli, src);
  // The repository is checked before anything is sent, as the docker client does.
  if (ref !== undefined && ref !== '') {
    try {
      parseNormalizedNamed(ref);
    } catch (err) {
      body.destroy();
      // Docker prints the parser's message as is, not as a daemon's answer.
      throw err instanceof InvalidArgument ? new StatusError(err.message) : err;
    }
  }
  const client = await cli.client();
  const display = new MessageDisplay(cli.streams.stdout);
  const platform = (flags.values.get('platform') as string) || cli.env.DOCKER_DEFAULT_PLATFORM || undefined;
  await client.importImage(
    body,
    {
      repo: ref || undefined,
      changes: flags.values.get('change') as string[],
      message: (flags.values.get('message') as string) || undefined,
      platform,
    },
    (m) => display.show(m),
  );
}
