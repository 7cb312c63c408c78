// Test support for the images folder (used only by *.test.ts): a real store
// in a temporary data root, a snapshot of everything it holds, and image
// archives built in memory.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { sha256Digest, type Digest } from '../common/index.js';
import { MediaType } from '../spec/index.js';
import { ContentStore, Database, LayerStore } from '../storage/index.js';
import { makeTar, type TarEntry } from '../../test/support/images.js';
import { ImageService } from './service.js';

export interface TestStore {
  root: string;
  db: Database;
  content: ContentStore;
  layers: LayerStore;
  images: ImageService;
  /** Closes the database; with `remove`, deletes the data root. */
  close(remove?: boolean): Promise<void>;
  /** Opens the same data root again (a daemon restart). */
  reopen(): Promise<TestStore>;
}

export async function openStore(root?: string): Promise<TestStore> {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'cais-images-')));
  const db = Database.open(join(dir, 'cais.db'));
  const content = new ContentStore(join(dir, 'content'));
  await content.init();
  const layers = new LayerStore(join(dir, 'layers'), db);
  await layers.init();
  const images = new ImageService({ db, content, layers });
  await images.init();
  const store: TestStore = {
    root: dir,
    db,
    content,
    layers,
    images,
    async close(remove = true) {
      db.close();
      if (remove) await rm(dir, { recursive: true, force: true });
    },
    async reopen() {
      db.close();
      return openStore(dir);
    },
  };
  return store;
}

async function listFiles(dir: string, root: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path);
    if (rel.startsWith('cais.db')) continue; // the database is compared by rows
    if (entry.isDirectory()) {
      out.push(`${rel}/`);
      await listFiles(path, root, out);
    } else out.push(`${rel} ${entry.isFile() ? (await stat(path)).size : entry.isSymbolicLink() ? 'link' : 'special'}`);
  }
}

/** Every file under the data root and every row of the image and layer tables. */
export async function snapshot(store: TestStore): Promise<string> {
  const files: string[] = [];
  await listFiles(store.root, store.root, files);
  const rows = ['images', 'image_layers', 'tags', 'repo_digests', 'layers'].map(
    (table) => `${table}: ${JSON.stringify(store.db.sql.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())}`,
  );
  return [...files.sort(), ...rows].join('\n');
}

/** A small root filesystem: a directory, files, a symlink; `name` makes it unique. */
export function rootfs(name: string, extra: TarEntry[] = []): Promise<Buffer> {
  return makeTar([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/hostname', content: `${name}\n` },
    { name: `data-${name}.txt`, content: `content of ${name}\n`.repeat(10) },
    { name: 'bin/', type: 'directory' },
    { name: 'bin/sh', content: '#!/bin/true\n', mode: 0o755 },
    { name: 'bin/ash', type: 'symlink', linkname: 'sh' },
    ...extra,
  ]);
}

export { makeTar };

export function body(data: Buffer): Readable {
  return Readable.from([data]);
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ArchiveImage {
  /** Layer tars, bottom first. */
  layers: Buffer[];
  repoTags?: string[];
  /** Extra config fields (history, labels...). */
  config?: Record<string, unknown>;
  /** Compress layer blobs with gzip (docker-archive stores them as given). */
  gzip?: boolean;
}

export interface BuiltImage {
  id: Digest;
  config: Buffer;
  diffIds: Digest[];
}

/** The config of an image of these layers. */
export function imageConfig(img: ArchiveImage): BuiltImage {
  const diffIds = img.layers.map((l) => sha256Digest(l));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-01T00:00:00Z',
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: img.layers.map(() => ({ created: '2024-01-01T00:00:00Z', created_by: 'test' })),
      ...img.config,
    }),
  );
  return { id: sha256Digest(config), config, diffIds };
}

/** A docker-archive in the Docker >= 25 layout, as `docker save` writes it. */
export async function dockerArchive(images: ArchiveImage[], tweak?: (entries: TarEntry[]) => void): Promise<{ tar: Buffer; built: BuiltImage[] }> {
  const entries: TarEntry[] = [];
  const manifest: object[] = [];
  const built: BuiltImage[] = [];
  const seen = new Set<string>();
  const blob = (data: Buffer): string => {
    const path = `blobs/sha256/${sha256Digest(data).slice(7)}`;
    if (!seen.has(path)) entries.push({ name: path, content: data });
    seen.add(path);
    return path;
  };
  for (const img of images) {
    const b = imageConfig(img);
    built.push(b);
    const layerPaths = img.layers.map((l) => blob(img.gzip ? gzipSync(l) : l));
    manifest.push({ Config: blob(b.config), RepoTags: img.repoTags ?? null, Layers: layerPaths });
  }
  entries.push({ name: 'manifest.json', content: JSON.stringify(manifest) });
  tweak?.(entries);
  return { tar: await makeTar(entries), built };
}

/** An OCI image layout tar, with gzip layers and the given annotations on its index entries. */
export async function ociLayout(
  images: (ArchiveImage & { annotations?: Record<string, string>; layerMediaType?: string })[],
): Promise<{ tar: Buffer; built: BuiltImage[] }> {
  const entries: TarEntry[] = [{ name: 'oci-layout', content: '{"imageLayoutVersion":"1.0.0"}' }];
  const manifests: object[] = [];
  const built: BuiltImage[] = [];
  const blob = (data: Buffer): { digest: Digest; size: number } => {
    const digest = sha256Digest(data);
    entries.push({ name: `blobs/sha256/${digest.slice(7)}`, content: data });
    return { digest, size: data.length };
  };
  for (const img of images) {
    const b = imageConfig(img);
    built.push(b);
    const layers = img.layers.map((l) => ({ mediaType: img.layerMediaType ?? MediaType.ociLayerGzip, ...blob(gzipSync(l)) }));
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, config: { mediaType: MediaType.ociConfig, ...blob(b.config) }, layers }),
    );
    manifests.push({ mediaType: MediaType.ociManifest, ...blob(manifest), ...(img.annotations ? { annotations: img.annotations } : {}) });
  }
  entries.push({ name: 'index.json', content: JSON.stringify({ schemaVersion: 2, manifests }) });
  return { tar: await makeTar(entries), built };
}
