// docker's confirmation prompt: the question on stdout, then one line of
// stdin; only "y" (any case) agrees, end of input declines.
import type { Streams } from './cli-context.js';

export async function confirm(streams: Streams, message: string): Promise<boolean> {
  streams.stdout.write(`${message} [y/N] `);
  const line = await readLine(streams.stdin);
  return line.trim().toLowerCase() === 'y';
}

function readLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (): void => {
      input.off('data', onData);
      input.off('end', done);
      input.off('error', reject);
      input.pause();
      resolve(text.split('\n')[0] as string);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.includes('\n') || text.length > 4096) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', reject);
  });
}
