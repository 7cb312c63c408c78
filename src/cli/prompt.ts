// docker's prompts: a confirmation (the question on stdout, then one line of
// stdin; only "y" (any case) agrees, end of input declines) and a line typed
// at the terminal, with echo off for a password.
import type { Streams } from './cli-context.js';

export async function confirm(streams: Streams, message: string): Promise<boolean> {
  streams.stdout.write(`${message} [y/N] `);
  const line = await readLine(streams.stdin);
  return line.trim().toLowerCase() === 'y';
}

/** One line typed after `message`; with `secret` nothing typed is shown (the terminal in raw mode). */
export async function ask(streams: Streams, message: string, secret = false): Promise<string> {
  streams.stdout.write(message);
  const tty = streams.stdin as NodeJS.ReadStream;
  const raw = secret && typeof tty.setRawMode === 'function';
  if (!raw) return (await readLine(streams.stdin)).replace(/\r$/, '');
  tty.setRawMode(true);
  try {
    let text = '';
    for (;;) {
      const chunk = (await readChunk(tty)).toString();
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          streams.stdout.write('\n');
          return text;
        }
        if (ch === '\u0003') throw new Error('interrupted');
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    }
  } finally {
    tty.setRawMode(false);
    tty.pause();
  }
}

function readChunk(input: NodeJS.ReadableStream): Promise<Buffer | string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer | string): void => {
      input.off('error', onError);
      input.pause();
      resolve(chunk);
    };
    const onError = (err: Error): void => {
      input.off('data', onData);
      reject(err);
    };
    input.once('data', onData);
    input.once('error', onError);
    input.resume();
  });
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
