// Content digests of files already read, so that hashing the same context
// files again (a second COPY of them, a second build of the same
// directory) does not read them again. An entry holds while the file's
// device, inode, size, mtime and ctime are the ones it was read with: mtime
// alone can be set back (touch -d, tar), ctime cannot.
import type { BigIntStats } from 'node:fs';

function stamp(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

export class FileHashCache {
  /** By path; Map order is use order, the least recently used first. */
  private readonly entries = new Map<string, { stamp: string; digest: string }>();

  constructor(private readonly maxEntries = 100_000) {}

  /** The digest of the file at path if it is unchanged since it was stored. */
  get(path: string, stats: BigIntStats): string | undefined {
    const entry = this.entries.get(path);
    if (entry === undefined || entry.stamp !== stamp(stats)) return undefined;
    this.entries.delete(path);
    this.entries.set(path, entry);
    return entry.digest;
  }

  set(path: string, stats: BigIntStats, digest: string): void {
    this.entries.delete(path);
    this.entries.set(path, { stamp: stamp(stats), digest });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
