// Paths inside a root filesystem (a container's, a build step's), resolved
// as its processes would see them: symlinks (absolute or relative) are followed within the
// root and `..` never climbs above it, so a hostile image cannot make the
// daemon read or write a host file (filepath-securejoin's rule).
import { lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../../common/index.js';

const maxLinks = 255;

/** The host path of `path` inside `root`; the last component is left unresolved when `followLast` is false. */
export function resolveInRoot(root: string, path: string, followLast = true): string {
  const todo = path.split('/').filter((p) => p !== '' && p !== '.');
  const done: string[] = [];
  let links = 0;
  while (todo.length > 0) {
    const part = todo.shift() as string;
    if (part === '..') {
      done.pop();
      continue;
    }
    const candidate = join(root, ...done, part);
    if (!followLast && todo.length === 0) {
      done.push(part);
      break;
    }
    let isLink = false;
    try {
      isLink = lstatSync(candidate).isSymbolicLink();
    } catch {
      // A missing component resolves to itself, as in securejoin.
    }
    if (!isLink) {
      done.push(part);
      continue;
    }
    if (++links > maxLinks) throw new InvalidArgument(`too many levels of symbolic links resolving ${path}`);
    const target = readlinkSync(candidate);
    if (target.startsWith('/')) done.length = 0;
    todo.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
  }
  return join(root, ...done);
}
