// Where `save` and `export` write a tar: stdout (never a terminal), or a
// file with -o, written whole or not at all (a temporary file beside it,
// renamed over it when complete, as docker's atomicwriter).
import { randomBytes } from 'node:crypto';
import { createWriteStream, lstatSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from './cli-context.js';
import { StatusError, goFileError } from './errors.js';

/** docker's checks before anything is asked of the daemon; `failure` prefixes the messages ("failed to save image"). */
export function checkTarOutput(cli: CliContext, output: string, failure: string): void {
  if (output === '') {
    if (cli.streams.stdout.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    return;
  }
  const dir = dirname(resolve(output));
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw new StatusError(`${failure}: invalid output path: ${goFileError(err, 'stat', dir).message}`);
  }
  let stat;
  try {
    stat = lstatSync(output);
  } catch {
    return; // A new file.
  }
  const refuse = (what: string): never => {
    throw new StatusError(`${failure}: cannot write to ${what}`);
  };
  if (stat.isFile()) return;
  if (stat.isDirectory()) refuse('a directory');
  if (stat.isSymbolicLink()) refuse('a symbolic link directly');
  if (stat.isFIFO()) refuse('a named pipe (FIFO)');
  if (stat.isSocket()) refuse('a socket');
  if (stat.isCharacterDevice()) refuse('a character device file');
  if (stat.isBlockDevice()) refuse('a block device file');
}

/** Writes the tar to stdout, or atomically to `output`. */
export async function writeTarOutput(cli: CliContext, tar: Readable, output: string, failure: string): Promise<void> {
  if (output === '') {
    await pipeline(tar, cli.streams.stdout, { end: false });
    return;
  }
  const temp = join(dirname(resolve(output)), `.tmp-${basename(output)}${randomBytes(6).toString('hex')}`);
  try {
    await pipeline(tar, createWriteStream(temp, { mode: 0o600, flush: true }));
    await rename(temp, output);
  } catch (err) {
    tar.destroy();
    await rm(temp, { force: true });
    if ((err as NodeJS.ErrnoException).syscall === 'open') throw new StatusError(`${failure}: ${goFileError(err, 'open', temp).message}`);
    throw err;
  }
}
