// What `cais build PATH` sends: the context directory as a tar, filtered by
// its .dockerignore, every entry owned by 0:0 (the docker CLI's ChownOpts),
// modes and mtimes kept. A Dockerfile from elsewhere (`-f -`, or `-f` a file
// outside the context) goes in as the docker CLI adds it
// (AddDockerfileToBuildContext): under a random name `.dockerfile.<hex>`,
// mode 0600, with that name appended to .dockerignore (one is made if the
// context has none), so that the daemon reads it and leaves it out of the
// context. A tar read from stdin (`cais build -`) does not come here.
import { randomBytes } from 'node:crypto';
import { lstat, mkdtemp, readFile, realpath, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArgument, errorMessage } from '../../common/index.js';
// The tar writer alone: the storage index would load the database and the layer store too.
import { type TarSource, tarEntries } from '../../storage/layers/tar-writer.js';
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

/** The context's real path and its entries, .dockerignore read and checked. */
export async function contextSources(dir: string, opts: DirectoryContextOptions): Promise<{ entries: Generator<TarSource> }> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch (err) {
    throw new InvalidArgument(`unable to prepare context: path ${JSON.stringify(dir)} not found`, { cause: err });
  }
  if (!(await stat(root)).isDirectory()) throw new InvalidArgument(`unable to prepare context: context must be a directory: ${root}`);
  let patterns = await readPatterns(root);
  if (opts.keepBuildFiles ?? true) patterns = keepBuildFiles(patterns, opts.dockerfile === undefined ? 'Dockerfile' : opts.dockerfile);
  return { entries: contextEntries(root, new IgnoreMatcher(patterns)) };
}

/**
 * The build context at dir as a tar stream. .dockerignore is read and
 * checked before this resolves; a file that cannot be read later fails the
 * stream.
 */
export async function tarContextDirectory(dir: string, opts: DirectoryContextOptions = {}): Promise<Readable> {
  const { entries } = await contextSources(dir, opts);
  return contextTar(entries);
}

/** Context entries as the docker CLI sends them: a tar with every entry owned by 0:0 (its ChownOpts). */
export function contextTar(entries: Iterable<TarSource> | AsyncIterable<TarSource>): Readable {
  return tarEntries(entries, { owner: { uid: 0, gid: 0 } });
}

/** A Dockerfile added to a context under a name of its own. */
export interface ContextWithDockerfile {
  tar: Readable;
  /** The name it has in the context (the `dockerfile` parameter of POST /build). */
  dockerfile: string;
}

/**
 * The context at dir with `content` added as its Dockerfile, as the docker
 * CLI sends a Dockerfile read from stdin or from outside the context. The
 * two entries it writes live in a temporary directory until the stream ends.
 */
export async function tarContextWithDockerfile(dir: string, content: Buffer): Promise<ContextWithDockerfile> {
  const { entries } = await contextSources(dir, { dockerfile: null });
  const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
  const temp = await mkdtemp(join(tmpdir(), 'cais-build-'));
  const cleanup = (): void => void rm(temp, { recursive: true, force: true });
  try {
    const extra = join(temp, 'dockerfile');
    await writeFile(extra, content, { mode: 0o600 });
    const ignorePath = join(temp, 'dockerignore');
    /** .dockerignore with the name appended, keeping the original's mode and times (ReplaceFileTarWrapper keeps its header). */
    const rewriteIgnore = async (original: TarSource | undefined): Promise<TarSource> => {
      const before = original ? await readFile(original.path) : Buffer.from('.dockerignore');
      await writeFile(ignorePath, Buffer.concat([before, Buffer.from(`\n${name}\n`)]), { mode: 0o600 });
      if (original) await utimes(ignorePath, Number(original.stats.atimeMs) / 1000, Number(original.stats.mtimeMs) / 1000);
      const stats = await lstat(ignorePath, { bigint: true });
      return { path: ignorePath, name: '.dockerignore', stats, mode: original ? Number(original.stats.mode & 0o7777n) : 0o600 };
    };
    async function* withDockerfile(): AsyncGenerator<TarSource> {
      let sawIgnore = false;
      for (const entry of entries) {
        if (entry.name === '.dockerignore' && entry.stats.isFile()) {
          sawIgnore = true;
          yield await rewriteIgnore(entry);
        } else {
          yield entry;
        }
      }
      yield { path: extra, name, stats: await lstat(extra, { bigint: true }), mode: 0o600 };
      if (!sawIgnore) yield await rewriteIgnore(undefined);
    }
    const tar = contextTar(withDockerfile());
    tar.once('close', cleanup);
    return { tar, dockerfile: name };
  } catch (err) {
    cleanup();
    throw err;
  }
}
