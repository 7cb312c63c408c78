// GET /containers/{id}/changes: what the container changed, read from its
// overlay upper directory as moby's archive.OverlayChanges reads it (the
// overlay2 driver without naive diff): a whiteout (0:0 character device) or
// an opaque directory is a deletion; anything else is added, or modified
// when a lower layer has that path too (a directory whose size, mode and
// mtime match its lower copy is left out); the parent of an addition or
// deletion counts as modified.
import type { BigIntStats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ContainerChange as FilesystemChange } from '../../spec/index.js';
import { lgetxattr } from '../../sys/index.js';

export const ChangeKind = { modified: 0, added: 1, deleted: 2 } as const;

async function lstatOrUndefined(path: string): Promise<BigIntStats | undefined> {
  try {
    return await lstat(path, { bigint: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

function isDeletion(path: string, st: BigIntStats): boolean {
  if (st.isCharacterDevice()) return st.rdev === 0n;
  if (!st.isDirectory()) return false;
  try {
    return lgetxattr(path, 'trusted.overlay.opaque')?.toString() === 'y';
  } catch {
    return false;
  }
}

/** sameFsTime: equal, or equal seconds when either side has no sub-second part. */
function sameTime(a: bigint, b: bigint): boolean {
  const second = 1_000_000_000n;
  return a === b || (a / second === b / second && (a % second === 0n || b % second === 0n));
}

/**
 * The changes of an upper directory over its lower layers (top-most
 * first), in the order of a depth-first walk with sorted names.
 * Lower paths are looked up with lstat, so a symlink there is never
 * followed outside its layer.
 */
export async function overlayChanges(upper: string, lowers: readonly string[]): Promise<FilesystemChange[]> {
  const changes: FilesystemChange[] = [];
  const changedDirs = new Set<string>();

  const visit = async (path: string, st: BigIntStats): Promise<void> => {
    const host = join(upper, path);
    let kind: FilesystemChange['Kind'] = ChangeKind.added;
    if (isDeletion(host, st)) {
      kind = ChangeKind.deleted;
    } else {
      for (const lower of lowers) {
        const below = await lstatOrUndefined(join(lower, path));
        if (below === undefined) continue;
        if (below.isDirectory() && st.isDirectory() && below.size === st.size && below.mode === st.mode && sameTime(below.mtimeNs, st.mtimeNs)) {
          return;
        }
        kind = ChangeKind.modified;
        break;
      }
    }
    if (st.isDirectory()) changedDirs.add(path);
    if (kind !== ChangeKind.modified) {
      const parent = dirname(path);
      if (!changedDirs.has(parent) && parent !== '/') {
        changes.push({ Path: parent, Kind: ChangeKind.modified });
        changedDirs.add(parent);
      }
    }
    changes.push({ Path: path, Kind: kind });
  };

  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(join(upper, dir))).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const name of names) {
      const path = join(dir, name);
      const st = await lstatOrUndefined(join(upper, path));
      if (st === undefined) continue; // removed meanwhile
      await visit(path, st);
      if (st.isDirectory()) await walk(path);
    }
  };
  await walk('/');
  return changes;
}
