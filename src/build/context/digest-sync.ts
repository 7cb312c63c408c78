// The digest of COPY/ADD sources (for checksum.ts), with synchronous calls
// in the context worker, where thousands of small files cost no event-loop
// round trips. Each entry adds a record: its name, type and permission
// bits, owner, and a file's size and content digest or a symlink's target;
// nothing else (no mtimes, no inode numbers). Below a source nothing is
// followed. A file's content digest comes from the cache while the file is
// unchanged.
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readSync, readdirSync, readlinkSync, type BigIntStats } from 'node:fs';
import { NotFound } from '../../common/index.js';
import type { ResolvedSource, SourcesDigest } from './context-worker-protocol.js';
import { FileHashCache } from './file-hash-cache.js';

const cache = new FileHashCache();
const buffer = Buffer.allocUnsafe(1024 * 1024);

function hashFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** A file's content digest, from the cache while the file is unchanged; `read` says it was not. */
function contentDigest(path: string, stats: BigIntStats): { digest: string; read: boolean } {
  const known = cache.get(path, stats);
  if (known !== undefined) return { digest: known, read: false };
  const digest = hashFile(path);
  cache.set(path, stats, digest);
  return { digest, read: true };
}

/** The content digests of files (not followed if symlinks). */
export function digestFiles(paths: readonly string[]): string[] {
  return paths.map((path) => contentDigest(path, lstatSync(path, { bigint: true })).digest);
}

export function digestSources(sources: readonly ResolvedSource[]): SourcesDigest {
  const hash = createHash('sha256');
  let filesRead = 0;
  const visit = (path: string, name: string, stats: BigIntStats): void => {
    let detail = '';
    if (stats.isSymbolicLink()) detail = JSON.stringify(readlinkSync(path));
    else if (stats.isFile()) {
      const content = contentDigest(path, stats);
      if (content.read) filesRead++;
      detail = `${stats.size} ${content.digest}`;
    }
    const mode = (stats.mode & 0o177777n).toString(8); // type and permission bits
    hash.update(`${JSON.stringify(name)} ${mode} ${stats.uid}:${stats.gid} ${detail}\n`);
    if (!stats.isDirectory()) return;
    for (const child of readdirSync(path).sort()) visit(`${path}/${child}`, `${name}/${child}`, lstatSync(`${path}/${child}`, { bigint: true }));
  };
  for (const { path, name } of sources) {
    const stats = lstatSync(path, { bigint: true, throwIfNoEntry: false });
    if (stats === undefined) throw new NotFound(`file not found in build context or excluded by .dockerignore: stat ${name}: file does not exist`);
    visit(path, name, stats);
  }
  return { digest: `sha256:${hash.digest('hex')}`, filesRead };
}
