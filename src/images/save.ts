// `docker save`: a tar in the Docker >= 25 layout (moby tarexport/save.go):
// blobs/sha256/<config>, each layer as an uncompressed tar named by its diff
// id (stored gzip/zstd blobs are decompressed on the fly), an OCI manifest
// per image, index.json with image-name annotations, manifest.json, oci-layout
// and repositories. Every name is resolved before the first byte.
import { Readable } from 'node:stream';
import { pack, type Pack } from 'tar-stream';
import { Internal, InvalidArgument, NotFound, digestHex, sha256Digest, type Digest } from '../common/index.js';
import {
  MediaType,
  familiarName,
  familiarString,
  isNamed,
  isNameOnly,
  parseAnyReference,
  referenceString,
  tagNameOnly,
  type ImageConfig,
  type NamedReference,
} from '../spec/index.js';
import { decompress } from '../storage/index.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import type { ImageLayerRecord } from './image-store.js';

interface SaveItem {
  id: Digest;
  refs: NamedReference[];
  config: ImageConfig;
  layers: ImageLayerRecord[];
}

const epoch = new Date(0);

/** parseNames: ids, `name:tag`, and a bare name for every tag of that repository. */
function resolveNames(ctx: ImageContext, names: readonly string[]): Map<Digest, NamedReference[]> {
  const out = new Map<Digest, NamedReference[]>();
  const add = (id: Digest, ref?: NamedReference): void => {
    if (!ctx.images.get(id)) throw new NotFound(`No such image: ${id}`);
    const refs = out.get(id) ?? [];
    out.set(id, refs);
    if (ref === undefined || ref.digest !== undefined) return;
    const tagged = tagNameOnly(ref);
    if (!refs.some((r) => referenceString(r) === referenceString(tagged))) refs.push(tagged);
  };
  const search = (name: string): Digest => {
    const id = ctx.images.searchPrefix(name);
    if (id === undefined) throw new NotFound(`No such image: ${name}`);
    return id;
  };
  for (const name of names) {
    const ref = parseAnyReference(name);
    if (!isNamed(ref)) {
      add(ref.digest as Digest);
      continue;
    }
    if (familiarName(ref) === 'sha256') {
      add(search(name));
      continue;
    }
    if (isNameOnly(ref)) {
      const assocs = ctx.images.referencesByName(ref);
      for (const a of assocs) add(a.id, a.ref);
      if (assocs.length === 0) add(search(name));
      continue;
    }
    const id = ctx.images.getReference(ref);
    if (id === undefined) throw new NotFound('reference does not exist');
    add(id, ref);
  }
  return out;
}

function addEntry(tar: Pack, name: string, content: Buffer): void {
  tar.entry({ name, size: content.length, mode: 0o644, mtime: epoch }, content);
}

async function writeLayer(ctx: ImageContext, tar: Pack, layer: ImageLayerRecord, diffId: Digest): Promise<void> {
  const info = ctx.layers.get(layer.chainId);
  if (!info) throw new Internal(`layer ${layer.chainId} is missing`);
  // streamx's Writable, used through the Node interface it implements
  const entry = tar.entry({ name: `blobs/sha256/${digestHex(diffId)}`, size: info.tarSize, mode: 0o644, mtime: epoch }) as unknown as NodeJS.WritableStream;
  const source = decompress(ctx.content.createReadStream(layer.blobDigest));
  const done = new Promise<void>((resolve, reject) => {
    entry.on('finish', resolve);
    entry.on('error', reject);
  });
  // leaving the loop early (an error) returns the generator, which closes the blob stream
  for await (const chunk of source) {
    if (!entry.write(chunk)) await new Promise((resolve) => entry.once('drain', resolve));
  }
  entry.end();
  await done;
}

async function writeArchive(ctx: ImageContext, tar: Pack, items: SaveItem[]): Promise<void> {
  tar.entry({ name: 'blobs', type: 'directory', mode: 0o755, mtime: epoch });
  tar.entry({ name: 'blobs/sha256', type: 'directory', mode: 0o755, mtime: epoch });
  const written = new Set<string>();
  const manifestJson: object[] = [];
  const indexManifests: object[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const item of items) {
    const diffIds = item.config.rootfs.diff_ids;
    if (diffIds.length === 0) throw new InvalidArgument('empty export - not implemented');
    for (const [i, layer] of item.layers.entries()) {
      const diffId = diffIds[i]!;
      if (written.has(diffId)) continue;
      written.add(diffId);
      await writeLayer(ctx, tar, layer, diffId);
    }
    const config = await ctx.content.read(item.id, 16 << 20);
    if (!written.has(item.id)) {
      written.add(item.id);
      addEntry(tar, `blobs/sha256/${digestHex(item.id)}`, config);
    }
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, digest: item.id, size: config.length },
        layers: item.layers.map((layer, i) => ({
          mediaType: MediaType.ociLayer,
          digest: diffIds[i]!,
          size: ctx.layers.get(layer.chainId)?.tarSize ?? 0,
        })),
      }),
    );
    const manifestDigest = sha256Digest(manifest);
    if (!written.has(manifestDigest)) {
      written.add(manifestDigest);
      addEntry(tar, `blobs/sha256/${digestHex(manifestDigest)}`, manifest);
    }
    const descriptor = { mediaType: MediaType.ociManifest, digest: manifestDigest, size: manifest.length };
    if (item.refs.length === 0) indexManifests.push(descriptor);
    for (const ref of item.refs) {
      indexManifests.push({
        ...descriptor,
        annotations: { 'io.containerd.image.name': referenceString(ref), 'org.opencontainers.image.ref.name': ref.tag! },
      });
      (repositories[familiarName(ref)] ??= {})[ref.tag!] = digestHex(diffIds.at(-1)!);
    }
    manifestJson.push({
      Config: `blobs/sha256/${digestHex(item.id)}`,
      RepoTags: item.refs.length > 0 ? item.refs.map(familiarString) : null,
      Layers: diffIds.map((d) => `blobs/sha256/${digestHex(d)}`),
    });
  }
  addEntry(tar, 'index.json', Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: indexManifests })));
  addEntry(tar, 'manifest.json', Buffer.from(JSON.stringify(manifestJson) + '\n'));
  addEntry(tar, 'oci-layout', Buffer.from('{"imageLayoutVersion": "1.0.0"}'));
  if (Object.keys(repositories).length > 0) addEntry(tar, 'repositories', Buffer.from(JSON.stringify(repositories) + '\n'));
  tar.finalize();
}

/** Resolves every name (NotFound before any byte), then streams the archive. */
export async function saveImages(ctx: ImageContext, names: readonly string[]): Promise<Readable> {
  const resolved = resolveNames(ctx, names);
  // held from here (synchronously with the resolution), so a concurrent rmi cannot pull them away
  const holds: Holds = ctx.inFlight.begin();
  const held = [...resolved].map(([id, refs]) => {
    const layers = ctx.images.layers(id);
    holds.blobs.add(id).add(ctx.images.get(id)!.manifestDigest);
    for (const l of layers) {
      holds.blobs.add(l.blobDigest);
      holds.layers.add(l.chainId);
    }
    return { id, refs, layers };
  });
  const items: SaveItem[] = [];
  try {
    for (const item of held) items.push({ ...item, config: await ctx.images.config(item.id) });
  } catch (err) {
    await ctx.collector.release(holds);
    throw err;
  }
  const tar = pack();
  writeArchive(ctx, tar, items).then(
    () => undefined,
    (err: unknown) => tar.destroy(err as Error),
  );
  const out = Readable.from(tar, { objectMode: false });
  out.on('close', () => {
    tar.destroy();
    void ctx.collector.release(holds);
  });
  return out;
}
