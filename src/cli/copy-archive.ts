// The client side of `docker cp` (moby/go-archive copy.go): the path rules
// that decide where an archive is extracted and how its entries are
// renamed, a tar of a local path, and extraction of the daemon's tar into
// a local directory. Extraction never writes through a symlink: each parent
// of an entry must be a real directory below the destination, and `..` out
// of it is refused, so a hostile container cannot make `cp` write outside
// the destination.
import { constants, type Stats } from 'node:fs';
import { chmod, link, lstat, mkdir, open, readdir, readlink, realpath, rm, stat, symlink, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, pack, type Header } from 'tar-stream';
import { StatusError } from './errors.js';

export interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  rebaseName: string;
}

/** filepath.Base. */
export function goBase(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? (path === '' ? '.' : '/') : posix.basename(trimmed);
}

const specifiesCurrentDir = (path: string): boolean => goBase(path) === '.';
const hasTrailingSeparator = (path: string): boolean => path.endsWith('/');

/** archive.PreserveTrailingDotOrSeparator. */
export function preserveTrailingDotOrSeparator(cleaned: string, original: string): string {
  let out = cleaned;
  if (!specifiesCurrentDir(out) && specifiesCurrentDir(original)) out += hasTrailingSeparator(out) ? '.' : '/.';
  if (!hasTrailingSeparator(out) && hasTrailingSeparator(original)) out += '/';
  return out;
}

/** archive.SplitPathDirEntry. */
export function splitPathDirEntry(path: string): [string, string] {
  let cleaned = posix.normalize(path).replace(/(.)\/+$/, '$1');
  if (specifiesCurrentDir(path)) cleaned += '/.';
  return [posix.dirname(cleaned), posix.basename(cleaned) || '/'];
}

/** archive.GetRebaseName: the resolved path with the original's trailing "/" or "/.", and the name to rebase to. */
export function getRebaseName(path: string, resolved: string): [string, string] {
  let out = resolved;
  if (specifiesCurrentDir(path) && !specifiesCurrentDir(out)) out += '/.';
  if (hasTrailingSeparator(path) && !hasTrailingSeparator(out)) out += '/';
  return [out, goBase(path) !== goBase(out) ? goBase(path) : ''];
}

/** docker cp's splitCpArg: CONTAINER:PATH, unless the argument is a local path (absolute, or starting with '.'). */
export function splitCpArg(arg: string): [string, string] {
  if (arg.startsWith('/')) return ['', arg];
  const colon = arg.indexOf(':');
  if (colon < 0 || arg.startsWith('.')) return ['', arg];
  return [arg.slice(0, colon), arg.slice(colon + 1)];
}

/** archive.RebaseArchiveEntries' rename: the first occurrence of oldBase becomes newBase. */
export function rebaser(oldBase: string, newBase: string): (name: string) => string {
  return (name) => name.replace(oldBase, newBase);
}

/**
 * archive.PrepareArchiveCopy: the directory to extract into and how to
 * rename the entries, from what the source and destination are.
 */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): { dir: string; rename: (name: string) => string } {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  const [, srcBaseRaw] = splitPathDirEntry(src.path);
  const srcBase = src.rebaseName !== '' ? src.rebaseName : srcBaseRaw;
  if (dst.exists && dst.isDir) return { dir: dst.path, rename: (name) => name };
  if (dst.exists && src.isDir) throw new StatusError('cannot copy directory');
  if (!dst.exists && !src.isDir && (hasTrailingSeparator(dst.path) || specifiesCurrentDir(dst.path))) {
    throw new StatusError('no such directory');
  }
  return { dir: dstDir, rename: rebaser(srcBase, dstBase) };
}

function goError(err: unknown, op: string, path: string): StatusError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'ENOTDIR' ? 'not a directory' : (err as Error).message;
  return new StatusError(`${op} ${path}: ${reason}`);
}

/** archive.CopyInfoSourcePath: a local source, its parent's symlinks (or, with followLink, all) resolved. */
export async function copyInfoSourcePath(path: string, followLink: boolean): Promise<CopyInfo> {
  let resolved: string;
  let rebaseName = '';
  if (followLink) {
    try {
      [resolved, rebaseName] = getRebaseName(path, await realpath(path));
    } catch (err) {
      throw goError(err, 'lstat', path);
    }
  } else {
    const slash = path.replace(/\/+$/, '').lastIndexOf('/');
    const dir = path.slice(0, slash + 1) || '.';
    const base = path.slice(slash + 1);
    try {
      resolved = `${await realpath(dir)}/${base}`.replace(/^\/\//, '/');
    } catch (err) {
      throw goError(err, 'lstat', dir);
    }
    if (hasTrailingSeparator(path) && goBase(path) !== goBase(resolved)) rebaseName = goBase(path);
  }
  let st: Stats;
  try {
    st = await lstat(resolved);
  } catch (err) {
    throw goError(err, 'lstat', resolved);
  }
  return { path: resolved, exists: true, isDir: st.isDirectory(), rebaseName };
}

/** archive.CopyInfoDestinationPath: a local destination, symlinks at its end followed; its parent must exist. */
export async function copyInfoDestinationPath(path: string): Promise<CopyInfo> {
  let current = path;
  for (let n = 0; ; n++) {
    let st: Stats;
    try {
      st = await lstat(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw goError(err, 'lstat', current);
      const [parent] = splitPathDirEntry(current);
      let parentStat: Stats;
      try {
        parentStat = await stat(parent);
      } catch (err2) {
        throw goError(err2, 'stat', parent);
      }
      if (!parentStat.isDirectory()) throw new StatusError('not a directory');
      return { path: current, exists: false, isDir: false, rebaseName: '' };
    }
    if (!st.isSymbolicLink()) return { path: current, exists: true, isDir: st.isDirectory(), rebaseName: '' };
    if (n >= 10) throw new StatusError(`too many symlinks in ${path}`);
    const target = await readlink(current);
    current = target.startsWith('/') ? target : posix.join(splitPathDirEntry(current)[0], target);
  }
}

/**
 * archive.TarResource: a tar of a local path, its entries named after its
 * base (or rebaseName), through `rename`; `content` adds up the sizes of
 * the regular files, as docker's summary counts them.
 */
export function tarLocal(src: CopyInfo, rename: (name: string) => string, content: { n: number }): Readable {
  const [dir, base] = splitPathDirEntry(src.path);
  const top = src.rebaseName !== '' ? src.rebaseName : base;
  const out = pack();
  const links = new Map<string, string>();
  const add = async (path: string, name: string): Promise<void> => {
    const st = await lstat(path);
    const header: Partial<Header> & { name: string } = { name: rename(name), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000) };
    const key = `${st.dev}:${st.ino}`;
    if (!st.isDirectory() && st.nlink > 1 && links.has(key)) {
      out.entry({ ...header, type: 'link', linkname: rename(links.get(key)!) });
      return;
    }
    if (!st.isDirectory() && st.nlink > 1) links.set(key, name);
    if (st.isDirectory()) {
      out.entry({ ...header, name: `${header.name.replace(/\/$/, '')}/`, type: 'directory' });
      const prefix = name === '.' ? './' : name === '/' ? '/' : `${name}/`;
      for (const child of (await readdir(path)).sort()) await add(posix.join(path, child), `${prefix}${child}`);
    } else if (st.isSymbolicLink()) {
      out.entry({ ...header, type: 'symlink', linkname: await readlink(path) });
    } else if (st.isFile()) {
      content.n += st.size;
      const entry = out.entry({ ...header, type: 'file', size: st.size });
      const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      await pipeline(file.createReadStream(), entry);
    } else if (st.isFIFO()) {
      out.entry({ ...header, type: 'fifo' });
    }
  };
  add(posix.join(dir, base), top).then(
    () => out.finalize(),
    (err: unknown) => out.destroy(err as Error),
  );
  return Readable.from(out, { objectMode: false });
}

/** The path of an entry below root, or an error when it would leave it. */
function entryTarget(root: string, name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw new StatusError(`invalid archive: ${JSON.stringify(name)} is outside of ${JSON.stringify(root)}`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? root : posix.join(root, ...parts);
}

/** Checks that each parent of path below root is a real directory, making missing ones. */
async function realParents(root: string, path: string): Promise<void> {
  const rel = posix.relative(root, posix.dirname(path));
  let current = root;
  for (const part of rel === '' ? [] : rel.split('/')) {
    current = posix.join(current, part);
    const st = await lstat(current).catch(() => undefined);
    if (st === undefined) await mkdir(current, { mode: 0o755 });
    else if (!st.isDirectory()) throw new StatusError(`invalid archive: ${JSON.stringify(current)} is not a directory`);
  }
}

/** archive.Untar with NoLchown and NoOverwriteDirNonDir, entries renamed by `rename`. */
export async function extractLocal(tar: Readable, root: string, rename: (name: string) => string): Promise<void> {
  const ex = extract();
  const dirTimes: [string, Date][] = [];
  const done = (async () => {
    for await (const entry of ex) {
      const header = entry.header;
      const path = entryTarget(root, rename(header.name));
      await realParents(root, path);
      const existing = await lstat(path).catch(() => undefined);
      const isDir = header.type === 'directory';
      if (existing?.isDirectory() && !isDir) throw new StatusError(`cannot overwrite directory ${JSON.stringify(path)} with non-directory ${JSON.stringify(root)}`);
      if (existing && !existing.isDirectory() && isDir) throw new StatusError(`cannot overwrite non-directory ${JSON.stringify(path)} with directory ${JSON.stringify(root)}`);
      if (existing && !(existing.isDirectory() && isDir)) await rm(path, { recursive: true, force: true });
      const mode = (header.mode ?? 0o644) & 0o7777;
      switch (header.type) {
        case 'directory':
          if (!existing) await mkdir(path, { mode: 0o700 });
          if (path !== root) await chmod(path, mode);
          dirTimes.push([path, header.mtime ?? new Date()]);
          break;
        case 'file':
        case 'contiguous-file':
          const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
          await pipeline(entry, file.createWriteStream());
          await chmod(path, mode);
          await utimes(path, header.mtime ?? new Date(), header.mtime ?? new Date());
          continue;
        case 'symlink':
          await symlink(header.linkname ?? '', path);
          break;
        case 'link': {
          const target = entryTarget(root, rename(header.linkname ?? ''));
          await realParents(root, target);
          await link(target, path);
          break;
        }
        default:
          break; // devices, FIFOs: not made by an unprivileged copy
      }
      entry.resume();
    }
  })();
  await Promise.all([pipeline(tar, ex), done]);
  for (const [path, mtime] of dirTimes.reverse()) await utimes(path, mtime, mtime);
}
