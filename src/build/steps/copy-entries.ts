// What a COPY/ADD writes, as tar entries named inside the stage's root: a
// directory source's contents (not the directory itself) into the
// destination, a file into it or as it, local tar archives (ADD) extracted
// there; the destination's missing parents created 0755; names resolved
// through the root's symlinks (/lib -> usr/lib), so the layer lands where
// a process in the image would look.
import { createReadStream } from 'node:fs';
import { chmod, lstat, open, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { constants as zlib, gunzipSync } from 'node:zlib';
import { InvalidArgument } from '../../common/index.js';
import { extractArchive, resolveInRoot, resolveUser, treeEntries, type TarSource } from '../../storage/index.js';
import type { IgnoreMatcher } from '../context/index.js';
import type { Owner } from './layer-tar.js';
import { createdDirs } from './layer-tar.js';
import type { StepContext } from './step.js';
import { missingDirs } from './workdir.js';

export interface CopySource {
  /** The host path (symlinks already followed). */
  path: string;
  /** As the Dockerfile named it (relative to its root); a file's base name is its name at the destination. */
  name: string;
  /** The owner entries get without --chown; undefined keeps the files' own (a stage's, an image's, an archive's). */
  defaultOwner?: Owner;
  /** Extract it if it is a tar archive (ADD of a local file). */
  unpack: boolean;
  /** A mode the file gets without --chmod (heredocs 0644, downloads 0600). */
  mode?: number;
}

export interface CopyPlan {
  /** The stage's root filesystem, mounted. */
  root: string;
  /** Absolute, inside root. */
  dest: string;
  /** The destination is a directory (written with a trailing '/', or several sources). */
  destIsDir: boolean;
  sources: CopySource[];
  /** --chown, resolved. */
  owner?: Owner;
  /** --chmod. */
  chmod?: number;
  /** --exclude, matched against names relative to the source root. */
  exclude?: IgnoreMatcher;
  /** --parents: sources keep their path under the destination. */
  parents: boolean;
}

/** BuildKit parses --chmod as octal; a bad value is refused before anything runs. */
export function parseChmod(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[0-7]{1,4}$/.test(text)) throw new InvalidArgument(`invalid chmod parameter: ${text}. it should be octal string and between 0 and 07777`);
  return parseInt(text, 8);
}

/**
 * --chown in the destination's /etc/passwd and /etc/group: a name takes the
 * user's primary group, a bare number the same number as its group (as
 * BuildKit's file op and Docker's documentation say).
 */
export function copyOwner(root: string, spec: string): Owner {
  const user = resolveUser(root, spec);
  const numericOnly = !spec.includes(':') && /^[0-9]+$/.test(spec);
  return { uid: user.uid, gid: numericOnly ? user.uid : user.gid };
}

/** A heredoc source: a file with its text, 0644 unless --chmod says otherwise. */
export async function heredocFile(ctx: StepContext, name: string, content: string): Promise<CopySource> {
  const path = posix.join(await ctx.tempDir(), 'heredoc');
  await writeFile(path, content);
  await chmod(path, 0o644);
  return { path, name, defaultOwner: { uid: 0, gid: 0 }, unpack: false, mode: 0o644 };
}

const tarMagicOffset = 257;
const headBytes = 4096;

/** Whether a file is a tar, plain or gzip'ed (what ADD extracts). */
async function isTarArchive(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buf, 0, headBytes, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      head = gunzipSync(head, { finishFlush: zlib.Z_SYNC_FLUSH });
    } catch {
      return false;
    }
  }
  return head.subarray(tarMagicOffset, tarMagicOffset + 5).toString('latin1') === 'ustar';
}

function joinName(parent: string, child: string): string {
  return parent === '' ? child : child === '' ? parent : `${parent}/${child}`;
}

/** The archive name of an absolute path inside root, symlinks followed ('' for the root). */
function nameInRoot(root: string, path: string): string {
  return posix.relative(root, resolveInRoot(root, path));
}

export async function* copiedEntries(ctx: StepContext, plan: CopyPlan): AsyncGenerator<TarSource> {
  const created = new Set<string>();
  const dirOwner = plan.owner ?? { uid: 0, gid: 0 };
  async function* makeDirs(absoluteDir: string): AsyncGenerator<TarSource> {
    const names = (await missingDirs(plan.root, absoluteDir)).filter((n) => !created.has(n));
    names.forEach((n) => created.add(n));
    yield* await createdDirs(ctx, names, dirOwner);
  }
  const destStats = await lstat(resolveInRoot(plan.root, plan.dest)).catch(() => undefined);
  const intoDir = plan.destIsDir || destStats?.isDirectory() === true;

  for (const source of plan.sources) {
    const stats = await lstat(source.path, { bigint: true });
    const owner = plan.owner ?? source.defaultOwner;
    const entry = (e: TarSource): TarSource => ({ ...e, mode: plan.chmod ?? (e.stats.isFile() ? source.mode : undefined), ...owner });
    const under = plan.parents ? posix.join(plan.dest, posix.dirname(posix.normalize(source.name))) : plan.dest;
    let tree = source.path;
    if (stats.isFile() && source.unpack && (await isTarArchive(source.path))) {
      tree = await ctx.tempDir();
      await extractArchive(createReadStream(source.path), tree, { noOverwriteDirNonDir: false, displayRoot: '/' });
    } else if (!stats.isDirectory()) {
      const target = intoDir || plan.parents ? posix.join(under, posix.basename(source.name)) : plan.dest;
      if (plan.exclude?.excludes(source.name)) continue;
      yield* makeDirs(posix.dirname(target));
      yield entry({ path: source.path, name: nameInRoot(plan.root, target), stats });
      continue;
    }
    const target = plan.parents && tree === source.path ? posix.join(under, posix.basename(source.name)) : plan.dest;
    yield* makeDirs(target);
    const prefix = nameInRoot(plan.root, target);
    for await (const child of treeEntries(tree, undefined)) {
      if (tree === source.path && plan.exclude?.excludes(joinName(posix.normalize(source.name), child.name))) continue;
      yield entry({ ...child, name: joinName(prefix, child.name) });
    }
  }
}
