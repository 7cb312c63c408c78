// Blob upload sessions (POST, PATCH, PUT of the distribution spec), each in
// uploads/<uuid>/: `repository` (the repository it was started in) and
// `data` (the bytes so far). Bodies are streamed to `data` and hashed as
// they arrive; the running hash stays in memory between requests (and is
// rebuilt from `data` after a restart). A request that fails half-way is
// undone (the file truncated, the hash restored from a copy), so a session
// is always its data and nothing else. The final PUT commits `data` into
// blobs/ by rename, only when the digest matches.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Digest } from '../../common/index.js';
import { RegistryError } from './errors.js';
import { isUploadId } from './names.js';
import type { RegistryStorage } from './storage.js';

interface SessionState {
  hash: Hash;
  size: number;
  /** A request is writing; a second one at the same time is refused. */
  busy: boolean;
}

/** A chunk's place as PATCH's Content-Range says: bytes start..end, inclusive. */
export interface ChunkRange {
  start: number;
  end: number;
}

function unknownUpload(id: string): RegistryError {
  return new RegistryError('BLOB_UPLOAD_UNKNOWN', `blob upload unknown to registry: ${id}`);
}

export class Uploads {
  private readonly sessions = new Map<string, SessionState>();

  constructor(
    private readonly storage: RegistryStorage,
    private readonly maxUploadBytes: number,
  ) {}

  private dir(id: string): string {
    return join(this.storage.uploadsDir, id);
  }

  private dataPath(id: string): string {
    return join(this.dir(id), 'data');
  }

  async start(repo: string): Promise<string> {
    const id = randomUUID();
    await mkdir(this.dir(id), { mode: 0o700 });
    await writeFile(join(this.dir(id), 'repository'), repo, { mode: 0o600 });
    await writeFile(this.dataPath(id), '', { mode: 0o600 });
    this.sessions.set(id, { hash: createHash('sha256'), size: 0, busy: false });
    return id;
  }

  /** The bytes received so far; BLOB_UPLOAD_UNKNOWN unless the session exists in this repository. */
  async size(repo: string, id: string): Promise<number> {
    await this.check(repo, id);
    return (await stat(this.dataPath(id))).size;
  }

  /**
   * Appends a request body. With `range`, the chunk must start where the
   * data ends (else 416) and be as long as it says (else SIZE_INVALID).
   * Resolves with the new size.
   */
  async append(repo: string, id: string, body: Readable, range?: ChunkRange): Promise<number> {
    const state = await this.acquire(repo, id);
    try {
      if (range !== undefined && (range.start !== state.size || range.end < range.start)) {
        throw new RegistryError('BLOB_UPLOAD_INVALID', `chunk ${range.start}-${range.end} does not follow the ${state.size} bytes received`, {
          status: 416,
          headers: { Range: `0-${Math.max(state.size - 1, 0)}` },
        });
      }
      await this.write(id, state, body, range === undefined ? undefined : range.end - range.start + 1);
      return state.size;
    } finally {
      state.busy = false;
    }
  }

  /**
   * Ends a session: appends `body` (if any), checks the digest, moves the
   * data into blobs/ and links it into the repository. A wrong digest
   * cancels the session (DIGEST_INVALID), as distribution does.
   */
  async complete(repo: string, id: string, digest: Digest, body: Readable | undefined): Promise<number> {
    const state = await this.acquire(repo, id);
    let cancel = false;
    try {
      if (body !== undefined) await this.write(id, state, body);
      const actual: Digest = `sha256:${state.hash.copy().digest('hex')}`;
      if (actual !== digest) {
        cancel = true;
        throw new RegistryError('DIGEST_INVALID', `provided digest did not match uploaded content: ${digest} != ${actual}`);
      }
      const handle = await open(this.dataPath(id), 'r+');
      try {
        // The rename into blobs/ must not become durable before the data.
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await this.storage.commitBlobFile(this.dataPath(id), digest);
      await this.storage.linkBlob(repo, digest);
      cancel = true;
      return state.size;
    } finally {
      state.busy = false;
      if (cancel) await this.remove(id);
    }
  }

  async cancel(repo: string, id: string): Promise<void> {
    const state = await this.acquire(repo, id);
    state.busy = false;
    await this.remove(id);
  }

  /** Removes sessions untouched for `maxAgeMs` (clients that went away). */
  async removeStale(maxAgeMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const id of await readdir(this.storage.uploadsDir)) {
      if (this.sessions.get(id)?.busy) continue;
      const touched = await stat(isUploadId(id) ? this.dataPath(id) : join(this.storage.uploadsDir, id)).then(
        (s) => s.mtimeMs,
        () => 0,
      );
      if (now - touched > maxAgeMs) {
        await this.remove(id);
        removed++;
      }
    }
    return removed;
  }

  private async remove(id: string): Promise<void> {
    this.sessions.delete(id);
    await rm(this.dir(id), { recursive: true, force: true });
  }

  private async check(repo: string, id: string): Promise<void> {
    if (!isUploadId(id)) throw unknownUpload(id);
    let owner: string;
    try {
      owner = await readFile(join(this.dir(id), 'repository'), 'utf8');
    } catch {
      throw unknownUpload(id);
    }
    if (owner !== repo) throw unknownUpload(id);
  }

  /** The session's state, marked busy; rebuilt from its data when the server restarted since. */
  private async acquire(repo: string, id: string): Promise<SessionState> {
    await this.check(repo, id);
    let state = this.sessions.get(id);
    if (state === undefined) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of createReadStream(this.dataPath(id)) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      state = this.sessions.get(id) ?? { hash, size, busy: false };
      this.sessions.set(id, state);
    }
    if (state.busy) {
      throw new RegistryError('BLOB_UPLOAD_INVALID', `upload ${id} is being written by another request`, { status: 416 });
    }
    state.busy = true;
    return state;
  }

  /**
   * Streams `body` onto the data, `expected` bytes of it when given (else
   * SIZE_INVALID); on any failure the session is left as it was.
   */
  private async write(id: string, state: SessionState, body: Readable, expected?: number): Promise<void> {
    const before = state.size;
    const saved = state.hash.copy();
    const handle = await open(this.dataPath(id), 'a');
    const sizeMismatch = (got: string): RegistryError =>
      new RegistryError('SIZE_INVALID', `the chunk was announced as ${expected} bytes, the body had ${got}`);
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        if (state.size + chunk.length > this.maxUploadBytes) {
          throw new RegistryError('SIZE_INVALID', `blob is larger than the limit of ${this.maxUploadBytes} bytes`, { status: 413 });
        }
        if (expected !== undefined && state.size + chunk.length - before > expected) throw sizeMismatch('more');
        for (let off = 0; off < chunk.length; ) off += (await handle.write(chunk, off)).bytesWritten;
        state.hash.update(chunk);
        state.size += chunk.length;
      }
      if (expected !== undefined && state.size - before !== expected) throw sizeMismatch(String(state.size - before));
    } catch (err) {
      await handle.truncate(before);
      state.hash = saved;
      state.size = before;
      throw err;
    } finally {
      await handle.close();
    }
  }
}
