// Unpacked layers, shared by every image and container that uses them:
// <root>/<chain-id-hex>/diff, one row each in the `layers` table.
//
// Lifecycle: unpack() reads a blob into a private directory under tmp/
// and tells its diff id and size; commit() renames it to its chain id and
// inserts the row (or drops it when that layer exists already); mount()
// stacks a chain with overlayfs; remove() deletes a layer nobody builds
// on. A directory is in place before its row, and init() cleans what a
// crash left between the two, so a row always means a complete layer.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  Conflict,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  chainId as chainIdOf,
  digestHex,
  errorMessage,
  isDigest,
  log,
  type Digest,
} from '../../common/index.js';
import type { Database } from '../metadata/database.js';
import { mountOverlay, unmount } from './overlay.js';
import { layerMigrations } from './schema.js';
import { unpackLayer } from './unpack.js';

export interface LayerInfo {
  chainId: Digest;
  diffId: Digest;
  parent: Digest | null;
  /** Docker-style size: non-directories, hard links once. */
  size: number;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A layer unpacked by LayerStore.unpack, waiting for commit() or discard(). */
export interface UnpackedLayer {
  readonly diffId: Digest;
  readonly size: number;
  readonly tarSize: number;
}

interface LayerRow {
  chain_id: string;
  diff_id: string;
  parent: string | null;
  size: number;
  tar_size: number;
  created_at: number;
}

const columns = 'chain_id, diff_id, parent, size, tar_size, created_at';
const layerDirName = /^[0-9a-f]{64}$/;

function toInfo(row: LayerRow): LayerInfo {
  return {
    chainId: row.chain_id as Digest,
    diffId: row.diff_id as Digest,
    parent: row.parent as Digest | null,
    size: row.size,
    tarSize: row.tar_size,
    createdAt: row.created_at,
  };
}

function isForeignKeyError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export class LayerStore {
  private readonly tmp: string;
  /** An empty directory: the bottom lower layer when a read-only chain has only one. */
  private readonly empty: string;
  /** Temporary directory of each unpacked layer not yet committed or discarded. */
  private readonly unpacked = new WeakMap<UnpackedLayer, string>();
  /** Serialises commit and remove of the same chain id. */
  private readonly locks = new Map<Digest, Promise<unknown>>();
  private readonly statements;

  /** root = <data-root>/layers */
  constructor(
    readonly root: string,
    private readonly db: Database,
  ) {
    this.tmp = join(root, 'tmp');
    this.empty = join(root, 'empty');
    db.migrate('layers', layerMigrations);
    this.statements = {
      get: db.sql.prepare<[string], LayerRow>(`SELECT ${columns} FROM layers WHERE chain_id = ?`),
      list: db.sql.prepare<[], LayerRow>(`SELECT ${columns} FROM layers ORDER BY created_at, chain_id`),
      child: db.sql.prepare<[string], { chain_id: string }>('SELECT chain_id FROM layers WHERE parent = ? LIMIT 1'),
      insert: db.sql.prepare<[string, string, string | null, number, number, number]>(
        `INSERT INTO layers (${columns}) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      delete: db.sql.prepare<[string]>('DELETE FROM layers WHERE chain_id = ?'),
    };
  }

  /**
   * Creates the folders and makes rows and directories agree after a
   * crash: removes tmp/ leftovers and layer directories without a row, and
   * deletes the rows (with the layers built on them) whose directory is gone.
   */
  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await rm(this.tmp, { recursive: true, force: true });
    await mkdir(this.tmp, { mode: 0o700 });
    // Not recreated: containers that outlived a daemon restart may have it mounted.
    await mkdir(this.empty, { recursive: true, mode: 0o755 });
    this.forgetMissingLayers();
    for (const name of await readdir(this.root)) {
      if (!layerDirName.test(name) || this.get(`sha256:${name}`) !== undefined) continue;
      log.info('removing an incomplete layer directory', { dir: join(this.root, name) });
      await rm(join(this.root, name), { recursive: true, force: true });
    }
  }

  get(chainId: Digest): LayerInfo | undefined {
    const row = this.statements.get.get(chainId);
    return row === undefined ? undefined : toInfo(row);
  }

  list(): LayerInfo[] {
    return this.statements.list.all().map(toInfo);
  }

  diffPath(chainId: Digest): string {
    return join(this.layerDir(chainId), 'diff');
  }

  /**
   * Unpacks a layer blob (gzip, zstd or plain tar, told by its first
   * bytes) into a private directory, computing its diff id (sha256 of the
   * tar) and size. Hostile or corrupt input is an InvalidArgument naming
   * the entry; nothing is left behind on failure. The stream is consumed.
   */
  async unpack(stream: Readable, opts: { expectedDiffId?: Digest } = {}): Promise<UnpackedLayer> {
    const dir = join(this.tmp, randomBytes(16).toString('hex'));
    try {
      await mkdir(dir, { mode: 0o700 });
      const diff = join(dir, 'diff');
      await mkdir(diff);
      await chmod(diff, 0o755);
      const result = await unpackLayer(stream, diff);
      if (opts.expectedDiffId !== undefined && result.diffId !== opts.expectedDiffId) {
        throw new InvalidArgument(`layer diff id mismatch: expected ${opts.expectedDiffId}, got ${result.diffId}`);
      }
      const layer: UnpackedLayer = Object.freeze(result);
      this.unpacked.set(layer, dir);
      return layer;
    } catch (err) {
      stream.destroy();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * Stores an unpacked layer on top of parent (null for a bottom layer) as
   * chainId(parent, diffId). If that layer exists already the unpacked copy
   * is dropped and the existing one returned. The unpacked layer is used
   * up either way, also when this fails (parent not found, ...).
   */
  async commit(layer: UnpackedLayer, parent: Digest | null): Promise<LayerInfo> {
    const dir = this.take(layer);
    const chainId = chainIdOf(parent, layer.diffId);
    return this.exclusive(chainId, async () => {
      try {
        if (parent !== null && this.get(parent) === undefined) throw new NotFound(`parent layer ${parent} not found`);
        const existing = this.get(chainId);
        if (existing !== undefined) return existing;
        const final = this.layerDir(chainId);
        // A directory without a row is a leftover (init() removes them too).
        if (existsSync(final)) await this.removeDir(final);
        await rename(dir, final);
        const info: LayerInfo = { chainId, diffId: layer.diffId, parent, size: layer.size, tarSize: layer.tarSize, createdAt: Date.now() };
        try {
          this.statements.insert.run(chainId, info.diffId, parent, info.size, info.tarSize, info.createdAt);
        } catch (err) {
          await this.removeDir(final);
          if (isForeignKeyError(err)) throw new NotFound(`parent layer ${parent} not found`, { cause: err });
          throw err;
        }
        return info;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  /** Drops an unpacked layer. */
  async discard(layer: UnpackedLayer): Promise<void> {
    await rm(this.take(layer), { recursive: true, force: true });
  }

  /** Deletes a layer's row, then its directory. Conflict while another layer is built on it. */
  async remove(chainId: Digest): Promise<void> {
    await this.exclusive(chainId, async () => {
      if (this.get(chainId) === undefined) throw new NotFound(`layer ${chainId} not found`);
      const child = this.statements.child.get(chainId);
      if (child !== undefined) throw new Conflict(`layer ${chainId} is in use by layer ${child.chain_id}`);
      try {
        this.statements.delete.run(chainId);
      } catch (err) {
        if (isForeignKeyError(err)) throw new Conflict(`layer ${chainId} is in use`, { cause: err });
        throw err;
      }
      await this.removeDir(this.layerDir(chainId));
    });
  }

  /**
   * Mounts a chain of layers ([bottom..top] chain ids) at target with
   * overlayfs: read-only, or read-write with upper and work directories
   * (empty directories on the same file system), optionally under one more
   * read-only directory on top of the layers (a container's init layer).
   * Returns the unmount.
   */
  async mount(chain: Digest[], target: string, rw?: { upper: string; work: string }, topLower?: string): Promise<() => Promise<void>> {
    let parent: Digest | null = null;
    for (const chainId of chain) {
      const info = this.get(chainId);
      if (info === undefined) throw new NotFound(`layer ${chainId} not found`);
      if (info.parent !== parent) throw new InvalidArgument(`layer ${chainId} does not sit on ${parent ?? 'nothing'}: not a layer chain`);
      parent = chainId;
    }
    const lower = chain.map((chainId) => this.diffPath(chainId)).reverse();
    if (topLower !== undefined) lower.unshift(topLower);
    // overlayfs wants two lower layers without an upper one, and one with.
    if (lower.length < (rw === undefined ? 2 : 1)) lower.push(this.empty);
    if (lower.length < (rw === undefined ? 2 : 1)) throw new InvalidArgument('cannot mount an empty layer chain read-only');
    try {
      mountOverlay(target, { lower, upper: rw?.upper, work: rw?.work });
    } catch (err) {
      throw new Internal(`cannot mount layers at ${target}: ${errorMessage(err)}`, { cause: err });
    }
    let mounted = true;
    return async () => {
      if (!mounted) return;
      unmount(target);
      mounted = false;
    };
  }

  private layerDir(chainId: Digest): string {
    // Chain ids become paths: only well-formed sha256 digests do.
    if (!isDigest(chainId) || !chainId.startsWith('sha256:')) throw new InvalidArgument(`invalid layer id: ${JSON.stringify(chainId)}`);
    return join(this.root, digestHex(chainId));
  }

  private take(layer: UnpackedLayer): string {
    const dir = this.unpacked.get(layer);
    if (dir === undefined) throw new FailedPrecondition('this unpacked layer was already committed or discarded');
    this.unpacked.delete(layer);
    return dir;
  }

  /** Moves a directory into tmp/ and deletes it there, so a crash never leaves half a layer in place. */
  private async removeDir(dir: string): Promise<void> {
    const doomed = join(this.tmp, randomBytes(16).toString('hex'));
    try {
      await rename(dir, doomed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    await rm(doomed, { recursive: true, force: true });
  }

  /** Deletes the rows whose directory is missing, and the rows of the layers built on them. */
  private forgetMissingLayers(): void {
    const layers = this.list();
    const children = new Map<Digest, LayerInfo[]>();
    for (const layer of layers) {
      if (layer.parent !== null) children.set(layer.parent, [...(children.get(layer.parent) ?? []), layer]);
    }
    // Children before their parent, as the parent column references it.
    const doomed: LayerInfo[] = [];
    const seen = new Set<Digest>();
    const visit = (layer: LayerInfo): void => {
      if (seen.has(layer.chainId)) return;
      seen.add(layer.chainId);
      for (const child of children.get(layer.chainId) ?? []) visit(child);
      doomed.push(layer);
    };
    for (const layer of layers) if (!existsSync(this.diffPath(layer.chainId))) visit(layer);
    if (doomed.length === 0) return;
    this.db.transaction(() => {
      for (const layer of doomed) {
        log.warn('forgetting a layer whose directory is missing', { chainId: layer.chainId });
        this.statements.delete.run(layer.chainId);
      }
    });
  }

  private async exclusive<T>(key: Digest, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const settled = current.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await current;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}
