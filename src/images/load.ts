// `docker load`: docker-archive (Docker >= 25 layout with OCI blobs, and the
// legacy `<id>/layer.tar` layout with symlinked duplicate layers, both
// described by manifest.json, as moby's tarexport/load.go reads them) and
// plain OCI image layouts (index.json, nested indexes, the host platform).
// Layers start extracting while the archive is still being read.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { InvalidArgument, shortId, type Digest } from '../common/index.js';
import {
  MediaType,
  familiarString,
  imageConfigSchema,
  indexSchema,
  isConfigType,
  isIndexType,
  isManifestType,
  layerCompression,
  layoutSchema,
  manifestSchema,
  parseDocument,
  parseNormalizedNamed,
  type Descriptor,
  type ImageConfig,
  type JsonMessage,
  type Manifest,
  type NamedReference,
} from '../spec/index.js';
import { archiveFile, readArchive, type Archive, type ArchiveFile } from './archive.js';
import { commitImages, ociManifest, storeDocument, type BlobRef, type ImageToCommit } from './commit.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { maxDocumentBytes } from './image-store.js';
import { detectCompression } from '../storage/index.js';
import { looksLikeLayer, ociLayerMediaType } from './layer-blob.js';
import { checkOs, hostPlatform, matchesHost } from './platform.js';
import { UnpackPool } from './unpack-pool.js';

export interface LoadOptions {
  quiet?: boolean;
}

const manifestItemSchema = z.object({
  Config: z.string(),
  RepoTags: z.array(z.string()).nullish(),
  Layers: z.array(z.string()),
  Parent: z.string().optional(),
});
const dockerManifestSchema = z.array(manifestItemSchema).nullable();

const maxIndexDepth = 8;

async function readConfig(ctx: ImageContext, digest: Digest): Promise<{ config: ImageConfig; size: number }> {
  const bytes = await ctx.content.read(digest, maxDocumentBytes);
  return { config: parseDocument(imageConfigSchema, bytes, `image config ${digest}`), size: bytes.length };
}

function parseTag(repoTag: string): NamedReference {
  const ref = parseNormalizedNamed(repoTag);
  if (ref.tag === undefined) throw new InvalidArgument(`invalid tag "${repoTag}"`);
  return ref;
}

function layerBlob(file: ArchiveFile): BlobRef {
  return { digest: file.digest, size: file.size, mediaType: ociLayerMediaType(detectCompression(file.head)) };
}

/** checkValidParent: the child's history is the parent's plus one entry. */
function isValidParent(child: ImageConfig, parent: ImageConfig): boolean {
  const c = child.history ?? [];
  const p = parent.history ?? [];
  if (c.length === 0 && p.length === 0) return true;
  if (c.length - p.length !== 1) return false;
  return p.every((h, i) => {
    const ch = c[i]!;
    if ((h.created === undefined) !== (ch.created === undefined)) return false;
    if (h.created !== undefined && Date.parse(h.created) !== Date.parse(ch.created!)) return false;
    return JSON.stringify({ ...h, created: undefined }) === JSON.stringify({ ...ch, created: undefined });
  });
}

/** The archive's own manifest for an image (from index.json), when one matches its config and layers. */
async function archiveManifest(ctx: ImageContext, archive: Archive, id: Digest, layers: BlobRef[]): Promise<BlobRef | undefined> {
  const bytes = archive.documents.get('index.json');
  if (!bytes) return undefined;
  const index = parseDocument(indexSchema, bytes, 'index.json');
  for (const desc of index.manifests) {
    if (!isManifestType(desc.mediaType) || !archive.files.has(`blobs/sha256/${desc.digest.slice(7)}`)) continue;
    const manifest = parseDocument(manifestSchema, await ctx.content.read(desc.digest, maxDocumentBytes), `manifest ${desc.digest}`);
    const same =
      manifest.config.digest === id &&
      manifest.layers.length === layers.length &&
      manifest.layers.every((l, i) => l.digest === layers[i]!.digest);
    if (same) return { digest: desc.digest, size: desc.size, mediaType: desc.mediaType };
  }
  return undefined;
}

async function dockerArchiveImages(ctx: ImageContext, holds: Holds, archive: Archive): Promise<ImageToCommit[]> {
  const items = parseDocument(dockerManifestSchema, archive.documents.get('manifest.json')!, 'invalid archive: manifest.json');
  if (items === null) throw new InvalidArgument('invalid manifest, manifest cannot be null (but can be [])');
  const batch: ImageToCommit[] = [];
  const parents: (string | undefined)[] = [];
  for (const item of items) {
    const configFile = archiveFile(archive, item.Config);
    const { config, size } = await readConfig(ctx, configFile.digest);
    if (config.os !== 'linux') throw new InvalidArgument(`cannot load ${config.os} image on linux`);
    const diffIds = config.rootfs.diff_ids;
    if (item.Layers.length !== diffIds.length) {
      throw new InvalidArgument(`invalid manifest, layers length mismatch: expected ${item.Layers.length}, got ${diffIds.length}`);
    }
    const layerBlobs = item.Layers.map((path) => layerBlob(archiveFile(archive, path)));
    const tags = (item.RepoTags ?? []).map(parseTag);
    const configBlob: BlobRef = { digest: configFile.digest, size, mediaType: MediaType.ociConfig };
    const manifest =
      (await archiveManifest(ctx, archive, configFile.digest, layerBlobs)) ??
      (await storeDocument(ctx, holds, ociManifest(configBlob, layerBlobs), MediaType.ociManifest));
    batch.push({ id: configFile.digest, configSize: size, config, manifest, layerBlobs, tags });
    parents.push(item.Parent);
  }
  // validatedParentLinks + checkValidParent: only parents loaded alongside
  batch.forEach((image, i) => {
    const parent = batch.find((p) => p.id === parents[i] && p.id !== image.id);
    if (parent === undefined) return;
    if (!isValidParent(image.config, parent.config)) {
      throw new InvalidArgument(`image ${parent.id} is not a valid parent for ${image.id}`);
    }
    image.parent = parent.id;
  });
  return batch;
}

class OciLayoutReader {
  readonly batch: ImageToCommit[] = [];

  constructor(
    private readonly ctx: ImageContext,
    private readonly archive: Archive,
  ) {}

  /** A blob the layout holds, checked against its descriptor. */
  private blob(desc: Descriptor): ArchiveFile {
    const file = desc.digest.startsWith('sha256:') ? this.archive.files.get(`blobs/sha256/${desc.digest.slice(7)}`) : undefined;
    if (!file) throw new InvalidArgument(`invalid OCI layout: blob ${desc.digest} not found in the archive`);
    if (file.size !== desc.size) {
      throw new InvalidArgument(`invalid OCI layout: blob ${desc.digest} is ${file.size} bytes, its descriptor says ${desc.size}`);
    }
    return file;
  }

  private async document<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, desc: Descriptor): Promise<T> {
    this.blob(desc);
    return parseDocument(schema, await this.ctx.content.read(desc.digest, maxDocumentBytes), `${desc.mediaType} ${desc.digest}`);
  }

  async walk(desc: Descriptor, name: NamedReference | undefined, depth: number): Promise<void> {
    if (depth > maxIndexDepth) throw new InvalidArgument('invalid OCI layout: indexes nested too deeply');
    if (isIndexType(desc.mediaType)) {
      const index = await this.document(indexSchema, desc);
      for (const child of index.manifests) {
        if (child.platform && !matchesHost(child.platform)) continue;
        await this.walk(child, name, depth + 1);
      }
    } else if (isManifestType(desc.mediaType)) {
      await this.manifest(desc, await this.document(manifestSchema, desc), name);
    } else {
      throw new InvalidArgument(`invalid OCI layout: unsupported media type ${desc.mediaType}`);
    }
  }

  private async manifest(desc: Descriptor, manifest: Manifest, name: NamedReference | undefined): Promise<void> {
    if (!isConfigType(manifest.config.mediaType)) {
      throw new InvalidArgument(`invalid OCI layout: unsupported config media type ${manifest.config.mediaType}`);
    }
    const layerBlobs = manifest.layers.map((layer): BlobRef => {
      if (layerCompression(layer.mediaType) === undefined) {
        throw new InvalidArgument(`invalid OCI layout: unsupported media type ${layer.mediaType}`);
      }
      const file = this.blob(layer);
      return { digest: file.digest, size: file.size, mediaType: layer.mediaType };
    });
    const config = await this.document(imageConfigSchema, manifest.config);
    if (!matchesHost(config)) return;
    checkOs(config.os);
    if (config.rootfs.diff_ids.length !== layerBlobs.length) {
      throw new InvalidArgument(`invalid manifest, layers length mismatch: expected ${layerBlobs.length}, got ${config.rootfs.diff_ids.length}`);
    }
    this.batch.push({
      id: manifest.config.digest,
      configSize: manifest.config.size,
      config,
      manifest: { digest: desc.digest, size: desc.size, mediaType: desc.mediaType },
      layerBlobs,
      tags: name ? [name] : [],
    });
  }
}

/** The name an index entry gives its image: the containerd annotation, else a full ref.name. */
function annotatedName(desc: Descriptor): NamedReference | undefined {
  const containerd = desc.annotations?.['io.containerd.image.name'];
  if (containerd !== undefined) {
    const ref = parseNormalizedNamed(containerd);
    return ref.tag !== undefined ? ref : undefined;
  }
  const refName = desc.annotations?.['org.opencontainers.image.ref.name'];
  if (refName === undefined || !/[:/]/.test(refName)) return undefined;
  try {
    const ref = parseNormalizedNamed(refName);
    return ref.tag !== undefined ? ref : undefined;
  } catch {
    return undefined; // a bare tag such as "latest" names no repository
  }
}

async function ociLayoutImages(ctx: ImageContext, archive: Archive): Promise<ImageToCommit[]> {
  const layout = archive.documents.get('oci-layout');
  if (!layout) throw new InvalidArgument('invalid OCI layout: missing oci-layout');
  parseDocument(layoutSchema, layout, 'oci-layout');
  const index = parseDocument(indexSchema, archive.documents.get('index.json')!, 'index.json');
  const reader = new OciLayoutReader(ctx, archive);
  for (const desc of index.manifests) {
    if (desc.platform && !matchesHost(desc.platform)) continue;
    await reader.walk(desc, annotatedName(desc), 0);
  }
  if (index.manifests.length > 0 && reader.batch.length === 0) {
    const p = hostPlatform();
    throw new InvalidArgument(`no image in the archive matches the platform ${p.os}/${p.architecture}`);
  }
  return reader.batch;
}

export async function loadImages(
  ctx: ImageContext,
  body: Readable,
  opts: LoadOptions,
  progress: (m: JsonMessage) => void,
): Promise<void> {
  const holds = ctx.inFlight.begin();
  const pool = new UnpackPool(ctx);
  // layers already stored under their diff id need no speculative extraction
  const known = new Set<string>(ctx.layers.list().map((l) => l.diffId));
  try {
    const archive = await readArchive(ctx, holds, body, (_path, file) => {
      if (looksLikeLayer(file.head) && !known.has(file.digest)) pool.start(file.digest);
    });
    let batch: ImageToCommit[];
    if (archive.documents.has('manifest.json')) batch = await dockerArchiveImages(ctx, holds, archive);
    else if (archive.documents.has('index.json')) batch = await ociLayoutImages(ctx, archive);
    else throw new InvalidArgument('invalid archive: does not contain a manifest.json');

    if (!opts.quiet) {
      for (const image of batch) {
        for (const diffId of image.config.rootfs.diff_ids) {
          progress({ status: 'Loading layer', id: shortId(diffId), progressDetail: {} });
        }
      }
    }
    const results = await commitImages(ctx, holds, pool, batch);
    const say = (line: string): void => progress({ stream: `${line}\n` });
    let lastTagged = 0;
    for (const result of results) {
      lastTagged = 0;
      for (const { ref, previous } of result.tags) {
        if (previous !== undefined && previous !== result.id) {
          say(`The image ${familiarString(ref)} already exists, renaming the old one with ID ${previous} to empty string`);
        }
        say(`Loaded image: ${familiarString(ref)}`);
        lastTagged++;
      }
    }
    // as moby: the ids are printed when the last image came without a tag
    if (lastTagged === 0) for (const result of results) say(`Loaded image ID: ${result.id}`);
  } finally {
    await pool.discardUntaken();
    await ctx.collector.release(holds);
  }
}
