// /containers/{id}/archive (HEAD, GET, PUT) and /containers/{id}/export,
// as moby's daemon/archive_unix.go and export.go: on the container's root
// filesystem (mounted for the time of the operation, running or not), with
// every path the client names resolved inside that root (resolveInRoot), so
// that a symlink in the container never reaches a host file. Volumes and
// bind mounts of a running container live in its own mount namespace and
// are not seen here.
import type { BigIntStats, Stats } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgument, NotFound } from '../../common/index.js';
import type { ContainerPathStat } from '../../spec/index.js';
import { extractArchive, maxLayerBytes, tarTree, type CopyOptions } from '../../storage/index.js';
import type { ContainerContext } from './context.js';
import type { ContainerRecord } from './container-store.js';
import { resolveInRoot } from '../../storage/index.js';
import { resolveUser } from '../../storage/index.js';

export interface ExtractOptions {
  noOverwriteDirNonDir?: boolean;
  copyUIDGID?: boolean;
}

// Go's os.FileMode bits.
const goMode = {
  dir: 2 ** 31,
  symlink: 2 ** 27,
  device: 2 ** 26,
  namedPipe: 2 ** 25,
  socket: 2 ** 24,
  setuid: 2 ** 23,
  setgid: 2 ** 22,
  charDevice: 2 ** 21,
  sticky: 2 ** 20,
};

/** syscall mode to Go's os.FileMode (os.fillFileStatFromSys). */
export function goFileMode(st: Stats | BigIntStats): number {
  const bits = Number(st.mode);
  let mode = bits & 0o777;
  if (st.isBlockDevice()) mode += goMode.device;
  else if (st.isCharacterDevice()) mode += goMode.device + goMode.charDevice;
  else if (st.isDirectory()) mode += goMode.dir;
  else if (st.isFIFO()) mode += goMode.namedPipe;
  else if (st.isSymbolicLink()) mode += goMode.symlink;
  else if (st.isSocket()) mode += goMode.socket;
  if (bits & 0o4000) mode += goMode.setuid;
  if (bits & 0o2000) mode += goMode.setgid;
  if (bits & 0o1000) mode += goMode.sticky;
  return mode;
}

/** A time as Go's RFC3339Nano in UTC: trailing zeros of the fraction dropped. */
export function goTime(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const base = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d+Z$/, '');
  return `${base}${fraction === '' ? '' : `.${fraction}`}Z`;
}

/** archive.PreserveTrailingDotOrSeparator(filepath.Join("/", path), path). */
export function containerAbsPath(path: string): string {
  let abs = posix.join('/', path);
  const base = (p: string): string => (p === '' ? '.' : (posix.basename(p) || '/'));
  if (base(abs) !== '.' && base(path) === '.') abs += abs.endsWith('/') ? '.' : '/.';
  if (!abs.endsWith('/') && path.endsWith('/')) abs += '/';
  return abs;
}

/** filepath.Base: "/" for the root, "." for "x/.". */
function goBase(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : posix.basename(trimmed);
}

/** Whether the path names what its last component points to (lstat follows a final symlink before '/' or '/.'). */
function followsLast(abs: string): boolean {
  return abs === '/' || abs.endsWith('/') || abs.endsWith('/.');
}

function fileNotFound(path: string, container: string): NotFound {
  return new NotFound(`Could not find the file ${path} in container ${container}`);
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

interface Resolved {
  abs: string;
  host: string;
  stat: BigIntStats;
  info: ContainerPathStat;
}

/** cfs.Stat: lstat of the path inside the root; a symlink's target fully resolved (it must exist). */
async function statInRoot(root: string, path: string, ref: string): Promise<Resolved> {
  const abs = containerAbsPath(path);
  const host = resolveInRoot(root, abs, followsLast(abs));
  try {
    const stat = await lstat(host, { bigint: true });
    if (followsLast(abs) && abs !== '/' && !stat.isDirectory()) throw new InvalidArgument(`lstat ${abs}: not a directory`);
    let linkTarget = '';
    if (stat.isSymbolicLink()) {
      const target = resolveInRoot(root, abs, true);
      await lstat(target);
      linkTarget = `/${relative(root, target)}`;
    }
    return {
      abs,
      host,
      stat,
      info: { name: goBase(abs), size: Number(stat.size), mode: goFileMode(stat), mtime: goTime(stat.mtimeNs), linkTarget },
    };
  } catch (err) {
    if (isMissing(err)) throw fileNotFound(path, ref);
    throw err;
  }
}

function checkPath(path: string): void {
  if (path === '') throw new InvalidArgument("bad parameter: 'path' cannot be empty");
}

export async function statPath(ctx: ContainerContext, ref: string, path: string): Promise<ContainerPathStat> {
  checkPath(path);
  const c = ctx.store.resolve(ref);
  return ctx.rootfs.with(c, async (root) => (await statInRoot(root, path, ref)).info);
}

/**
 * The tar of a path in the container, and its stat. A directory's entries
 * are named after the path's last element ("." for `dir/.`, "/" for the
 * root), as moby's TarResourceRebaseOpts names them; anything else is one
 * entry. The root stays mounted until the stream closes.
 */
export async function archivePath(ctx: ContainerContext, ref: string, path: string): Promise<{ stat: ContainerPathStat; tar: Readable }> {
  checkPath(path);
  const c = ctx.store.resolve(ref);
  return withStream(ctx, c, async (root) => {
    const { abs, host, stat, info } = await statInRoot(root, path, ref);
    const base = goBase(abs);
    const topName = stat.isDirectory() ? (base === '/' ? '' : base) : posix.basename(abs);
    return { stat: info, tar: tarTree(host, { topName }) };
  });
}

/** GET /containers/{id}/export: the whole root filesystem, its entries named from it (no root entry). */
export async function exportContainer(ctx: ContainerContext, ref: string): Promise<Readable> {
  const c = ctx.store.resolve(ref);
  if (c.state.status === 'dead') throw new InvalidArgument(`You cannot export container ${c.id} which is Dead`);
  return (await withStream(ctx, c, async (root) => ({ tar: tarTree(root) }))).tar;
}

/** Mounts the root for as long as the stream made by fn is open. */
async function withStream<T extends { tar: Readable }>(ctx: ContainerContext, c: ContainerRecord, fn: (root: string) => Promise<T>): Promise<T> {
  const root = await ctx.rootfs.acquire(c);
  try {
    const out = await fn(root);
    out.tar.once('close', () => ctx.rootfs.release(c.id));
    return out;
  } catch (err) {
    ctx.rootfs.release(c.id);
    throw err;
  }
}

/** Writes the body to a file, refusing more than a layer's worth. */
async function spool(body: Readable, path: string): Promise<void> {
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxLayerBytes ? new InvalidArgument(`invalid archive: larger than the limit of ${maxLayerBytes} bytes`) : null, chunk);
    },
  });
  await pipeline(body, limit, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
}

/**
 * Extracts a tar into dir in two passes: first into an empty directory
 * beside the container's (never inside its root), where a hostile or
 * broken archive fails having changed nothing; then into dir.
 */
async function extractChecked(body: Readable, tmpParent: string, dir: string, copy: CopyOptions): Promise<void> {
  const tmp = await mkdtemp(join(tmpParent, 'copy-'));
  try {
    const archive = join(tmp, 'archive.tar');
    await spool(body, archive);
    const check = join(tmp, 'check');
    await mkdir(check, { mode: 0o700 });
    await extractArchive(createReadStream(archive), check, { ...copy, noOverwriteDirNonDir: false });
    await rm(check, { recursive: true, force: true });
    await extractArchive(createReadStream(archive), dir, copy);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * PUT /containers/{id}/archive: extracts a tar into a directory of the
 * container (symlinks in the path followed inside the root), through the
 * layer writer's checks. With copyUIDGID every entry belongs to the
 * container's user (when it has one), as moby's tarCopyOptions.
 */
export async function extractToDir(ctx: ContainerContext, ref: string, path: string, body: Readable, opts: ExtractOptions): Promise<void> {
  checkPath(path);
  const c = ctx.store.resolve(ref);
  await ctx.rootfs.with(c, async (root) => {
    const host = resolveInRoot(root, path, true);
    let stat: Stats;
    try {
      stat = await lstat(host);
    } catch (err) {
      if (isMissing(err)) throw fileNotFound(path, ref);
      throw err;
    }
    if (!stat.isDirectory()) throw new InvalidArgument('extraction point is not a directory');
    if (c.settings.HostConfig.ReadonlyRootfs) throw new InvalidArgument('container rootfs is marked read-only');
    const user = c.settings.Config.User;
    const owner = opts.copyUIDGID && user !== '' ? resolveUser(root, user) : undefined;
    await extractChecked(body, ctx.layout.dir(c.id), host, {
      noOverwriteDirNonDir: opts.noOverwriteDirNonDir ?? false,
      ...(owner ? { owner: { uid: owner.uid, gid: owner.gid } } : {}),
      displayRoot: `/${relative(root, host)}`,
    });
  });
}
