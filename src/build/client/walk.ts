// The entries of a build context as docker build sends them: depth first,
// names sorted (Go's WalkDir), filtered by .dockerignore the way BuildKit's
// fsutil filters them. An excluded directory is skipped unless an exception
// may re-include something below it (IgnoreMatcher.mayIncludeBelow); then
// it is walked, and sent only if something below it is, just before that
// entry, so what is re-included keeps its parents' modes. Symlinks are
// entries, never followed; devices, FIFOs and sockets are left out.
// The calls are synchronous: the CLI has nothing else to do meanwhile, and
// thousands of lstat calls cost a third of their promise-based time.
import { accessSync, constants, lstatSync, readdirSync, type BigIntStats } from 'node:fs';
import { InvalidArgument } from '../../common/index.js';
import type { TarSource } from '../../storage/layers/tar-writer.js';
import type { IgnoreMatcher, MatchInfo } from '../context/ignore-matcher.js';

/** The entries of the context at root (a real directory), named relative to it. */
export function contextEntries(root: string, matcher: IgnoreMatcher): Generator<TarSource> {
  return walk(root, '', matcher, undefined, [], false);
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? '';
}

/** Whether an error says the entry went away during the walk (nothing to send, as fsutil skips it). */
function gone(err: unknown): boolean {
  return errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR';
}

const asRoot = process.getuid?.() === 0;

/** An entry's lstat (undefined when it went away) and, for a file, why it cannot be read (if it cannot). */
function look(path: string): { stats?: BigIntStats; unreadable?: unknown } {
  let stats: BigIntStats;
  try {
    stats = lstatSync(path, { bigint: true });
  } catch (err) {
    if (gone(err)) return {};
    throw err;
  }
  // Root reads every file (as the docker CLI's open would): no access call for each.
  if (!stats.isFile() || asRoot) return { stats };
  try {
    accessSync(path, constants.R_OK);
    return { stats };
  } catch (err) {
    return gone(err) ? { stats } : { stats, unreadable: err };
  }
}

/**
 * Walks dir; `pending` holds the excluded directories being walked above
 * this point that were not sent yet, sent before the first entry that is.
 */
function* walk(
  dir: string,
  prefix: string,
  matcher: IgnoreMatcher,
  parent: MatchInfo | undefined,
  pending: TarSource[],
  excludedDir: boolean,
): Generator<TarSource> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    if (gone(err)) return;
    // fsutil passes over an excluded directory it cannot read; the docker CLI's message otherwise.
    if (excludedDir && errorCode(err) === 'EACCES') return;
    throw new InvalidArgument(`error checking context: can't stat '${dir}'`, { cause: err });
  }
  for (const child of names) {
    const path = `${dir}/${child}`;
    const name = `${prefix}${child}`;
    const { stats, unreadable } = look(path);
    if (stats === undefined) continue;
    const entry = { path, name, stats };
    const { excluded, info } = matcher.match(name, parent);
    if (excluded) {
      if (stats.isDirectory() && matcher.mayIncludeBelow(name)) {
        const depth = pending.length;
        pending.push(entry);
        yield* walk(path, `${name}/`, matcher, info, pending, true);
        pending.length = Math.min(pending.length, depth);
      }
      continue;
    }
    if (!stats.isFile() && !stats.isDirectory() && !stats.isSymbolicLink()) continue;
    // The tar writer would send zeros for a file it cannot open: refuse it here, as the docker CLI does.
    if (unreadable !== undefined) throw new InvalidArgument(`error checking context: no permission to read from '${path}'`, { cause: unreadable });
    yield* pending;
    pending.length = 0;
    yield entry;
    if (stats.isDirectory()) yield* walk(path, `${name}/`, matcher, info, pending, false);
  }
}
