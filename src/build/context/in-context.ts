// Paths named by a build (the Dockerfile, COPY sources) resolved inside the
// context as moby's FollowSymlinkInScope does: a path climbing out of the
// context is refused; symlinks are followed with the context as their '/',
// so none leads out. (src/storage/rootfs/in-root.ts follows symlinks the
// same way in root filesystems, where a '..' stops at the root instead of
// being refused with Docker's message.)
import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { InvalidArgument } from '../../common/index.js';
import { cleanPath } from './clean-path.js';

const maxLinks = 255;

/** The host path of `path` (relative to the context; a leading '/' is the context's root) inside root. Missing components are kept as named. */
export async function resolveInContext(root: string, path: string): Promise<string> {
  const rel = cleanPath(path.replace(/^\/+/, ''));
  if (rel === '..' || rel.startsWith('../')) throw new InvalidArgument(`forbidden path outside the build context: ${path} ()`);
  const todo = rel === '.' ? [] : rel.split('/');
  const done: string[] = [];
  let links = 0;
  while (todo.length > 0) {
    const part = todo.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      done.pop(); // never above the context
      continue;
    }
    const full = [root, ...done, part].join('/');
    const stats = await lstat(full).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined; // opening it will say so
      throw err;
    });
    if (!stats?.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++links > maxLinks) throw new InvalidArgument(`too many links in ${path}`);
    const target = await readlink(full);
    if (target.startsWith('/')) done.length = 0;
    todo.unshift(...target.split('/'));
  }
  return [root, ...done].join('/');
}

/**
 * The bytes of a regular file of the context (followed as above), or
 * undefined if there is none. Anything else is refused, a FIFO first of all:
 * reading one would never end.
 */
export async function readContextFile(root: string, path: string): Promise<Buffer | undefined> {
  const full = await resolveInContext(root, path);
  let stats;
  try {
    stats = await stat(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
  if (!stats.isFile()) throw new InvalidArgument(`${path} in the build context is not a regular file`);
  return readFile(full);
}
