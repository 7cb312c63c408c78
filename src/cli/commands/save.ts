// `cais save`: the daemon's tar of the images, to stdout (never a
// terminal) or to a file with -o, written whole or not at all (a temporary
// file beside it, renamed over it when complete, as docker's atomicwriter).
import { randomBytes } from 'node:crypto';
import { createWriteStream, lstatSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from '../cli-context.js';
import { StatusError, goFileError } from '../errors.js';
import type { ParsedFlags } from '../flags.js';

/** docker's checks of the output path, before anything is asked of the daemon. */
function checkOutput(path: string): void {
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    throw new StatusError(`failed to save image: invalid output path: ${goFileError(err, 'stat', dir).message}`);
  }
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return; // A new file.
  }
  const refuse = (what: string): never => {
    throw new StatusError(`failed to save image: cannot write to ${what}`);
  };
  if (stat.isFile()) return;
  if (stat.isDirectory()) refuse('a directory');
  if (stat.isSymbolicLink()) refuse('a symbolic link directly');
  if (stat.isFIFO()) refuse('a named pipe (FIFO)');
  if (stat.isSocket()) refuse('a socket');
  if (stat.isCharacterDevice()) refuse('a character device file');
  if (stat.isBlockDevice()) refuse('a block device file');
}

export async function run(cli: CliContext, flags: ParsedFlags): Promise<void> {
  const output = flags.values.get('output') as string;
  if (output === '') {
    if (cli.streams.stdout.isTTY) throw new StatusError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
  } else {
    checkOutput(output);
  }
  const client = await cli.client();
  const tar = await client.saveImages(flags.args);
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
    if ((err as NodeJS.ErrnoException).syscall === 'open') throw new StatusError(`failed to save image: ${goFileError(err, 'open', temp).message}`);
    throw err;
  }
}
