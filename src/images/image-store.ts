// Image rows, their layers and their references (tags and repo digests) in
// SQLite, and the resolution of a user's string to an image exactly as
// Docker's classic store does it (full id, reference, then unique id prefix).
// Parsed configs are cached by id: a config never changes.
import { InvalidArgument, NotFound, type Digest } from '../common/index.js';
import type { ContentStore, Database } from '../storage/index.js';
import {
  familiarString,
  imageConfigSchema,
  isNamed,
  parseAnyReference,
  parseDocument,
  parseReference,
  referenceString,
  tagNameOnly,
  trimNamed,
  withDigest,
  type ImageConfig,
  type NamedReference,
} from '../spec/index.js';
import { migrationOwner, migrations } from './schema.js';

/** JSON documents read back from the store (configs, manifests) are at most this big. */
export const maxDocumentBytes = 16 << 20;

export interface ImageRecord {
  id: Digest;
  manifestDigest: Digest;
  manifestMediaType: string;
  manifestSize: number;
  configSize: number;
  topLayer: Digest | null;
  parent: Digest | null;
  /** config.created in ms since the epoch. */
  created: number | null;
  size: number;
  storedAt: number;
  lastTagTime: number | null;
}

export interface ImageLayerRecord {
  position: number;
  chainId: Digest;
  blobDigest: Digest;
  blobMediaType: string;
  blobSize: number;
}

export type NewImage = Omit<ImageRecord, 'storedAt' | 'lastTagTime'> & { layers: ImageLayerRecord[] };

interface ImageRow {
  id: Digest;
  manifest_digest: Digest;
  manifest_media_type: string;
  manifest_size: number;
  config_size: number;
  top_layer: Digest | null;
  parent: Digest | null;
  created: number | null;
  size: number;
  stored_at: number;
  last_tag_time: number | null;
}

function toRecord(r: ImageRow): ImageRecord {
  return {
    id: r.id,
    manifestDigest: r.manifest_digest,
    manifestMediaType: r.manifest_media_type,
    manifestSize: r.manifest_size,
    configSize: r.config_size,
    topLayer: r.top_layer,
    parent: r.parent,
    created: r.created,
    size: r.size,
    storedAt: r.stored_at,
    lastTagTime: r.last_tag_time,
  };
}

/** Docker's ErrImageDoesNotExist message: the reference with `:latest` added to a bare name. */
export function noSuchImage(ref: string | NamedReference): NotFound {
  const shown = typeof ref === 'string' ? ref : familiarString(tagNameOnly(ref));
  return new NotFound(`No such image: ${shown}`);
}

const configCacheMax = 4096;

export class ImageStore {
  private readonly configs = new Map<Digest, ImageConfig>();

  constructor(
    private readonly db: Database,
    private readonly content: ContentStore,
  ) {}

  init(): void {
    this.db.migrate(migrationOwner, migrations);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  get(id: Digest): ImageRecord | undefined {
    const row = this.db.sql.prepare('SELECT * FROM images WHERE id = ?').get(id) as ImageRow | undefined;
    return row && toRecord(row);
  }

  all(): ImageRecord[] {
    return (this.db.sql.prepare('SELECT * FROM images').all() as ImageRow[]).map(toRecord);
  }

  count(): number {
    return (this.db.sql.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n;
  }

  layers(id: Digest): ImageLayerRecord[] {
    return this.db.sql
      .prepare(
        `SELECT position, chain_id AS chainId, blob_digest AS blobDigest, blob_media_type AS blobMediaType,
                blob_size AS blobSize FROM image_layers WHERE image_id = ? ORDER BY position`,
      )
      .all(id) as ImageLayerRecord[];
  }

  /** Inserts an image and its layer rows; false (and nothing changes) when it exists. Call inside a transaction. */
  insert(image: NewImage, now: number): boolean {
    if (this.get(image.id)) return false;
    this.db.sql
      .prepare(
        `INSERT INTO images (id, manifest_digest, manifest_media_type, manifest_size, config_size, top_layer, parent,
                             created, size, stored_at, last_tag_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(
        image.id, image.manifestDigest, image.manifestMediaType, image.manifestSize, image.configSize,
        image.topLayer, image.parent, image.created, image.size, now,
      );
    const insertLayer = this.db.sql.prepare(
      'INSERT INTO image_layers (image_id, position, chain_id, blob_digest, blob_media_type, blob_size) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const l of image.layers) insertLayer.run(image.id, l.position, l.chainId, l.blobDigest, l.blobMediaType, l.blobSize);
    return true;
  }

  /** Deletes the image row (its references must be gone already). */
  delete(id: Digest): void {
    this.db.sql.prepare('DELETE FROM images WHERE id = ?').run(id);
    this.configs.delete(id);
  }

  setParent(id: Digest, parent: Digest): void {
    this.db.sql.prepare('UPDATE images SET parent = ? WHERE id = ?').run(parent, id);
  }

  children(id: Digest): Digest[] {
    return (this.db.sql.prepare('SELECT id FROM images WHERE parent = ?').all(id) as { id: Digest }[]).map((r) => r.id);
  }

  /** Ids of the images that are some image's parent. */
  parents(): Set<Digest> {
    const rows = this.db.sql.prepare('SELECT DISTINCT parent FROM images WHERE parent IS NOT NULL').all() as { parent: Digest }[];
    return new Set(rows.map((r) => r.parent));
  }

  /** The references of an image, sorted by their full string as Docker's reference store does. */
  references(id: Digest): NamedReference[] {
    const rows = this.db.sql
      .prepare('SELECT name FROM tags WHERE image_id = ? UNION ALL SELECT name FROM repo_digests WHERE image_id = ? ORDER BY name')
      .all(id, id) as { name: string }[];
    return rows.map((r) => parseReference(r.name));
  }

  /** Every image's references (for listing many images at once). */
  allReferences(): Map<Digest, NamedReference[]> {
    const rows = this.db.sql
      .prepare('SELECT name, image_id AS id FROM tags UNION ALL SELECT name, image_id AS id FROM repo_digests ORDER BY name')
      .all() as { name: string; id: Digest }[];
    const out = new Map<Digest, NamedReference[]>();
    for (const r of rows) {
      const list = out.get(r.id) ?? [];
      list.push(parseReference(r.name));
      out.set(r.id, list);
    }
    return out;
  }

  /** The references within one repository (`docker save busybox` saves them all). */
  referencesByName(repo: NamedReference): { ref: NamedReference; id: Digest }[] {
    const prefix = referenceString(trimNamed(repo));
    const rows = this.db.sql
      .prepare(
        `SELECT name, image_id AS id FROM tags WHERE substr(name, 1, ?) = ?
         UNION ALL SELECT name, image_id AS id FROM repo_digests WHERE substr(name, 1, ?) = ? ORDER BY name`,
      )
      .all(prefix.length + 1, prefix + ':', prefix.length + 1, prefix + '@') as { name: string; id: Digest }[];
    return rows.map((r) => ({ ref: parseReference(r.name), id: r.id }));
  }

  /** The references of the images holding a blob as a layer (where a push may mount it from). */
  referencesWithBlob(blob: Digest): NamedReference[] {
    const rows = this.db.sql
      .prepare(
        `SELECT name FROM tags WHERE image_id IN (SELECT image_id FROM image_layers WHERE blob_digest = ?)
         UNION SELECT name FROM repo_digests WHERE image_id IN (SELECT image_id FROM image_layers WHERE blob_digest = ?)`,
      )
      .all(blob, blob) as { name: string }[];
    return rows.map((r) => parseReference(r.name));
  }

  /** The image a reference names (a name alone means `:latest`; a digest wins over a tag). */
  getReference(ref: NamedReference): Digest | undefined {
    const lookup = ref.digest !== undefined ? withDigest(trimNamed(ref), ref.digest) : tagNameOnly(ref);
    const table = lookup.digest !== undefined ? 'repo_digests' : 'tags';
    const row = this.db.sql.prepare(`SELECT image_id AS id FROM ${table} WHERE name = ?`).get(referenceString(lookup)) as
      | { id: Digest }
      | undefined;
    return row?.id;
  }

  /** Points a tag or digest reference at `id` (moving it if needed); returns the image it named before. */
  addReference(ref: NamedReference, id: Digest, now: number): Digest | undefined {
    const previous = this.getReference(ref);
    if (previous === id) return previous;
    const name = referenceString(ref);
    if (ref.digest !== undefined) {
      this.db.sql
        .prepare('INSERT INTO repo_digests (name, image_id, added_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET image_id = excluded.image_id')
        .run(name, id, now);
    } else {
      this.db.sql
        .prepare('INSERT INTO tags (name, image_id, tagged_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET image_id = excluded.image_id, tagged_at = excluded.tagged_at')
        .run(name, id, now);
      this.db.sql.prepare('UPDATE images SET last_tag_time = ? WHERE id = ?').run(now, id);
    }
    return previous;
  }

  /** Removes a reference (a bare name means `:latest`); false when it did not exist. */
  deleteReference(ref: NamedReference): boolean {
    const table = ref.digest !== undefined ? 'repo_digests' : 'tags';
    const name = referenceString(ref.digest !== undefined ? ref : tagNameOnly(ref));
    return this.db.sql.prepare(`DELETE FROM ${table} WHERE name = ?`).run(name).changes > 0;
  }

  /** The one image whose id starts with `term` (with or without `sha256:`). */
  searchPrefix(term: string): Digest | undefined {
    const prefix = term.startsWith('sha256:') ? term : `sha256:${term}`;
    if (!/^sha256:[a-f0-9]*$/.test(prefix)) return undefined;
    const rows = this.db.sql
      .prepare('SELECT id FROM images WHERE substr(id, 1, ?) = ? LIMIT 2')
      .all(prefix.length, prefix) as { id: Digest }[];
    return rows.length === 1 ? rows[0]!.id : undefined;
  }

  /**
   * Docker's GetImage: a full id or digest, then a reference (name defaults
   * to `:latest`), then a unique id prefix. NotFound "No such image: ...".
   */
  resolve(refOrId: string): ImageRecord {
    let ref: ReturnType<typeof parseAnyReference>;
    try {
      ref = parseAnyReference(refOrId);
    } catch (err) {
      throw err instanceof InvalidArgument ? err : new InvalidArgument(String(err));
    }
    if (!isNamed(ref)) {
      const image = this.get(ref.digest as Digest);
      if (!image) throw noSuchImage(ref.digest);
      return image;
    }
    const byRef = this.getReference(ref);
    const id = byRef ?? this.searchPrefix(refOrId);
    const image = id && this.get(id);
    if (!image) throw noSuchImage(ref);
    return image;
  }

  /** The parsed config of a stored image. */
  async config(id: Digest): Promise<ImageConfig> {
    const cached = this.configs.get(id);
    if (cached) return cached;
    const config = parseDocument(imageConfigSchema, await this.content.read(id, maxDocumentBytes), `image config ${id}`);
    if (this.configs.size >= configCacheMax) this.configs.clear();
    this.configs.set(id, config);
    return config;
  }

  /** Layers any image uses (every position of its chain). */
  referencedLayers(): Set<Digest> {
    const rows = this.db.sql.prepare('SELECT DISTINCT chain_id AS id FROM image_layers').all() as { id: Digest }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Blobs any image uses: configs, manifests and layer blobs. */
  referencedBlobs(): Set<Digest> {
    const rows = this.db.sql
      .prepare(
        `SELECT id FROM images UNION SELECT manifest_digest FROM images UNION SELECT blob_digest FROM image_layers`,
      )
      .all() as { id: Digest }[];
    return new Set(rows.map((r) => r.id));
  }
}
