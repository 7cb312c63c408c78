// The build cache: one record per step result, found by the step's cache
// key (see keys.ts), kept in SQLite so it survives daemon restarts. A
// record holds the image config after the step and the layers under it;
// the image service's collector leaves those layers and blobs alone while
// a record names them (retained()), and `builder prune` drops records and
// then collects.
import type { Digest } from '../../common/index.js';
import type { StoredLayer } from '../../images/index.js';
import type { BuildCacheRecord, ImageConfig } from '../../spec/index.js';
import type { Database, LayerStore } from '../../storage/index.js';
import { migrationOwner, migrations } from './schema.js';

export interface CacheRecord {
  id: string;
  parent: string | null;
  description: string;
  config: ImageConfig;
  layers: StoredLayer[];
  createdAt: number;
}

export interface PruneFilter {
  /** Only records last used before this time (ms). */
  until?: number;
  /** Keep the most recently used records whose layers add up to this many bytes. */
  keepBytes?: number;
}

interface RecordRow {
  id: string;
  parent: string | null;
  description: string;
  config: string;
  created_at: number;
  last_used_at: number;
  usage_count: number;
}

interface LayerRow {
  record_id: string;
  chain_id: Digest;
  diff_id: Digest;
  blob_digest: Digest;
  blob_media_type: string;
  blob_size: number;
}

function toLayer(r: LayerRow): StoredLayer {
  return { chainId: r.chain_id, diffId: r.diff_id, blob: { digest: r.blob_digest, size: r.blob_size, mediaType: r.blob_media_type } };
}

/** Go's time.Time in RFC 3339 with nanoseconds, as BuildKit reports records. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

export class BuildCache {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly layerStore: LayerStore,
  ) {
    db.migrate(migrationOwner, migrations);
    const sql = db.sql;
    this.statements = {
      get: sql.prepare<[string], RecordRow>('SELECT * FROM build_cache WHERE id = ?'),
      layers: sql.prepare<[string], LayerRow>('SELECT * FROM build_cache_layers WHERE record_id = ? ORDER BY position'),
      delete: sql.prepare<[string]>('DELETE FROM build_cache WHERE id = ?'),
      insert: sql.prepare<[string, string | null, string, string, number, number]>(
        'INSERT INTO build_cache (id, parent, description, config, created_at, last_used_at, usage_count) VALUES (?, ?, ?, ?, ?, ?, 0)',
      ),
      insertLayer: sql.prepare<[string, number, string, string, string, string, number]>(
        'INSERT INTO build_cache_layers (record_id, position, chain_id, diff_id, blob_digest, blob_media_type, blob_size) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      touch: sql.prepare<[number, string]>('UPDATE build_cache SET last_used_at = ?, usage_count = usage_count + 1 WHERE id = ?'),
      all: sql.prepare<[], RecordRow>('SELECT * FROM build_cache ORDER BY last_used_at DESC, id'),
      allLayers: sql.prepare<[], LayerRow>('SELECT * FROM build_cache_layers ORDER BY record_id, position'),
      retainedLayers: sql.prepare<[], { id: Digest }>('SELECT DISTINCT chain_id AS id FROM build_cache_layers'),
      retainedBlobs: sql.prepare<[], { id: Digest }>('SELECT DISTINCT blob_digest AS id FROM build_cache_layers'),
    };
  }

  get(id: string): CacheRecord | undefined {
    const row = this.statements.get.get(id);
    if (row === undefined) return undefined;
    return {
      id: row.id,
      parent: row.parent,
      description: row.description,
      config: JSON.parse(row.config) as ImageConfig,
      layers: this.statements.layers.all(id).map(toLayer),
      createdAt: row.created_at,
    };
  }

  /** Stores a step's result under its key, replacing an older result (a --no-cache build's). */
  put(record: CacheRecord): void {
    this.db.transaction(() => {
      this.statements.delete.run(record.id);
      this.statements.insert.run(record.id, record.parent, record.description, JSON.stringify(record.config), record.createdAt, record.createdAt);
      record.layers.forEach((l, i) => this.statements.insertLayer.run(record.id, i, l.chainId, l.diffId, l.blob.digest, l.blob.mediaType, l.blob.size));
    });
  }

  /** Marks records as used now (a cache hit). */
  touch(ids: readonly string[]): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const id of ids) this.statements.touch.run(now, id);
    });
  }

  /** What garbage collection must leave: every layer and blob a record names. */
  retained(): { layers: Set<Digest>; blobs: Set<Digest> } {
    return {
      layers: new Set(this.statements.retainedLayers.all().map((r) => r.id)),
      blobs: new Set(this.statements.retainedBlobs.all().map((r) => r.id)),
    };
  }

  /** The records as /system/df lists them; a record's size is that of the layer it added, if any. */
  usage(imageLayers: ReadonlySet<Digest>): BuildCacheRecord[] {
    const byRecord = this.layersByRecord();
    return this.statements.all.all().map((row) => {
      const added = this.addedLayer(byRecord.get(row.id) ?? [], row.parent === null ? [] : (byRecord.get(row.parent) ?? []));
      return {
        ID: row.id.slice(0, 25),
        Parents: row.parent === null ? null : [row.parent.slice(0, 25)],
        Type: 'regular',
        Description: row.description,
        InUse: false,
        Shared: added !== undefined && imageLayers.has(added),
        Size: added === undefined ? 0 : (this.layerStore.get(added)?.size ?? 0),
        CreatedAt: rfc3339(row.created_at),
        LastUsedAt: rfc3339(row.last_used_at),
        UsageCount: row.usage_count,
      };
    });
  }

  /**
   * Deletes records (all of them, or those the filter picks, least recently
   * used first) and returns them with their sizes as usage() gave them.
   * The caller then collects garbage.
   */
  prune(filter: PruneFilter, imageLayers: ReadonlySet<Digest>, eligible: (r: BuildCacheRecord) => boolean = () => true): BuildCacheRecord[] {
    const records = this.usage(imageLayers).filter(eligible);
    const fullIds = new Map(this.statements.all.all().map((r) => [r.id.slice(0, 25), r.id]));
    let kept = 0;
    const doomed = records.filter((r) => {
      if (filter.until !== undefined && Date.parse(r.LastUsedAt ?? r.CreatedAt) >= filter.until) return false;
      if (filter.keepBytes !== undefined && kept + r.Size <= filter.keepBytes) {
        kept += r.Size;
        return false;
      }
      return true;
    });
    this.db.transaction(() => {
      for (const r of doomed) this.statements.delete.run(fullIds.get(r.ID)!);
    });
    return doomed;
  }

  private layersByRecord(): Map<string, Digest[]> {
    const out = new Map<string, Digest[]>();
    for (const row of this.statements.allLayers.all()) {
      let list = out.get(row.record_id);
      if (list === undefined) out.set(row.record_id, (list = []));
      list.push(row.chain_id);
    }
    return out;
  }

  /** The top layer of a record when its parent does not have it. */
  private addedLayer(layers: readonly Digest[], parentLayers: readonly Digest[]): Digest | undefined {
    const top = layers.at(-1);
    return top !== undefined && !parentLayers.includes(top) ? top : undefined;
  }
}
