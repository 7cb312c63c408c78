// Blobs by digest: <root>/blobs/<algorithm>/<hex>, written once and never
// changed. A blob is written into <root>/ingest/ while it is hashed, and
// renamed into blobs/ only once its digest (and size) are verified, so a
// file under blobs/ always matches its name, even after a crash.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArgument, NotFound, digestHex, isDigest, type Digest } from '../../common/index.js';

export interface BlobInfo {
  digest: Digest;
  size: number;
}

export interface IngestExpectation {
  /** The digest the content must have; its algorithm is used for hashing. */
  digest?: Digest;
  /** The exact size in bytes. */
  size?: number;
  /** Refuse content larger than this. */
  maxBytes?: number;
}

const algorithms = ['sha256', 'sha512'] as const;
type Algorithm = (typeof algorithms)[number];

/** The digest's algorithm; refuses anything that is not a well-formed digest, since it becomes a path. */
function algorithmOf(digest: Digest): Algorithm {
  if (!isDigest(digest)) throw new InvalidArgument(`invalid digest: ${JSON.stringify(digest)}`);
  return digest.startsWith('sha256:') ? 'sha256' : 'sha512';
}

function notFound(digest: Digest, cause?: unknown): NotFound {
  return new NotFound(`content digest ${digest}: not found`, { cause });
}

function isNoEntry(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

export class ContentStore {
  private readonly blobs: string;
  private readonly ingestDir: string;

  /** root = <data-root>/content */
  constructor(readonly root: string) {
    this.blobs = join(root, 'blobs');
    this.ingestDir = join(root, 'ingest');
  }

  /** Creates the folders and removes what an interrupted ingest left behind. */
  async init(): Promise<void> {
    for (const algorithm of algorithms) await mkdir(join(this.blobs, algorithm), { recursive: true, mode: 0o700 });
    await rm(this.ingestDir, { recursive: true, force: true });
    await mkdir(this.ingestDir, { mode: 0o700 });
  }

  path(digest: Digest): string {
    return join(this.blobs, algorithmOf(digest), digestHex(digest));
  }

  has(digest: Digest): boolean {
    return this.stat(digest) !== undefined;
  }

  stat(digest: Digest): BlobInfo | undefined {
    const stats = statSync(this.path(digest), { throwIfNoEntry: false });
    return stats?.isFile() ? { digest, size: stats.size } : undefined;
  }

  /** The whole blob; InvalidArgument when it is larger than maxBytes. */
  async read(digest: Digest, maxBytes: number): Promise<Buffer> {
    let handle;
    try {
      handle = await open(this.path(digest), 'r');
    } catch (err) {
      throw isNoEntry(err) ? notFound(digest, err) : err;
    }
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new InvalidArgument(`content ${digest} is ${size} bytes, more than the limit of ${maxBytes}`);
      return await readFile(handle);
    } finally {
      await handle.close();
    }
  }

  createReadStream(digest: Digest): Readable {
    if (!this.has(digest)) throw notFound(digest);
    return createReadStream(this.path(digest));
  }

  /**
   * Writes content into the store. The bytes are hashed as they are written
   * to a temporary file, which is renamed into place only if they match
   * `expected`; on any failure (a mismatch, a limit, an error of src) the
   * temporary file is removed. An existing blob is left untouched
   * (`created` is false).
   */
  async ingest(src: Readable | Buffer, expected: IngestExpectation = {}): Promise<BlobInfo & { created: boolean }> {
    const algorithm = expected.digest === undefined ? 'sha256' : algorithmOf(expected.digest);
    const hash = createHash(algorithm);
    let size = 0;
    const temp = join(this.ingestDir, randomBytes(16).toString('hex'));
    try {
      const handle = await open(temp, 'wx', 0o644);
      try {
        for await (const chunk of Buffer.isBuffer(src) ? [src] : (src as AsyncIterable<Buffer>)) {
          size += chunk.length;
          if (expected.size !== undefined && size > expected.size) {
            throw new InvalidArgument(`content size mismatch: expected ${expected.size} bytes, got more`);
          }
          if (expected.maxBytes !== undefined && size > expected.maxBytes) {
            throw new InvalidArgument(`content is larger than the limit of ${expected.maxBytes} bytes`);
          }
          hash.update(chunk);
          for (let off = 0; off < chunk.length; ) off += (await handle.write(chunk, off)).bytesWritten;
        }
        await handle.chmod(0o644); // whatever the umask
        // The rename below must not become durable before the data.
        await handle.datasync();
      } finally {
        await handle.close();
      }
      const digest: Digest = `${algorithm}:${hash.digest('hex')}`;
      if (expected.size !== undefined && size !== expected.size) {
        throw new InvalidArgument(`content size mismatch: expected ${expected.size} bytes, got ${size}`);
      }
      if (expected.digest !== undefined && digest !== expected.digest) {
        throw new InvalidArgument(`content digest mismatch: expected ${expected.digest}, got ${digest}`);
      }
      if (this.has(digest)) {
        await unlink(temp);
        return { digest, size, created: false };
      }
      await rename(temp, this.path(digest));
      return { digest, size, created: true };
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Removes a blob; nothing happens when it is absent. */
  async delete(digest: Digest): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  async list(): Promise<Digest[]> {
    const out: Digest[] = [];
    for (const algorithm of algorithms) {
      let names: string[];
      try {
        names = await readdir(join(this.blobs, algorithm));
      } catch (err) {
        if (isNoEntry(err)) continue;
        throw err;
      }
      for (const name of names) {
        const digest = `${algorithm}:${name}`;
        if (isDigest(digest)) out.push(digest);
      }
    }
    return out;
  }
}
