// What `cais build PATH` sends: the context directory as a tar, filtered by
// its .dockerignore, every entry owned by 0:0 (the docker CLI's ChownOpts),
// modes and mtimes kept. A tar read from stdin (`cais build -`) is sent as
// it is and does not come here.
import { readFile, realpath, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InvalidArgument, errorMessage } from '../../common/index.js';
import { tarEntries } from '../../storage/index.js';
import { parseDockerignore } from '../context/ignore-file.js';
import { IgnoreMatcher, keepBuildFiles } from '../context/ignore-matcher.js';
import { contextEntries } from './walk.js';

export interface DirectoryContextOptions {
  /** The Dockerfile's path in the context, default "Dockerfile"; null when it is not in the context (read from stdin). */
  dockerfile?: string | null;
  /** Send .dockerignore and the Dockerfile even when .dockerignore excludes them, as the docker CLI does. Default true. */
  keepBuildFiles?: boolean;
}

/** The patterns of dir's .dockerignore, none without one. */
async function readPatterns(root: string): Promise<string[]> {
  try {
    return parseDockerignore(await readFile(`${root}/.dockerignore`));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InvalidArgument(`error reading .dockerignore: ${errorMessage(err)}`, { cause: err });
  }
}

/**
 * The build context at dir as a tar stream. .dockerignore is read and
 * checked before this resolves; a file that cannot be read later fails the
 * stream.
 */
export async function tarContextDirectory(dir: string, opts: DirectoryContextOptions = {}): Promise<Readable> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch (err) {
    throw new InvalidArgument(`unable to prepare context: path ${JSON.stringify(dir)} not found`, { cause: err });
  }
  if (!(await stat(root)).isDirectory()) throw new InvalidArgument(`unable to prepare context: context must be a directory: ${root}`);
  let patterns = await readPatterns(root);
  if (opts.keepBuildFiles ?? true) patterns = keepBuildFiles(patterns, opts.dockerfile === undefined ? 'Dockerfile' : opts.dockerfile);
  return tarEntries(contextEntries(root, new IgnoreMatcher(patterns)), { owner: { uid: 0, gid: 0 } });
}
