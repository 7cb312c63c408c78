// The last phase of import and load, under the context lock: commit the
// layers bottom-up, check that every blob is still in place, then insert the
// images, their parent links and their tags in one transaction. Until that
// transaction commits, everything written is only held by the operation and
// goes away if it fails (see gc.ts).
import { InvalidArgument, Unavailable, chainId, type Digest } from '../common/index.js';
import { MediaType, type ImageConfig, type NamedReference } from '../spec/index.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { parseCreated } from './time-format.js';
import type { UnpackPool } from './unpack-pool.js';

export interface BlobRef {
  digest: Digest;
  size: number;
  mediaType: string;
}

export interface ImageToCommit {
  id: Digest;
  configSize: number;
  config: ImageConfig;
  manifest: BlobRef;
  /** One per config.rootfs.diff_ids entry, bottom first. */
  layerBlobs: BlobRef[];
  tags: NamedReference[];
  /** A parent within the same batch (legacy docker-archive links). */
  parent?: Digest;
}

export interface CommitResult {
  id: Digest;
  /** Each tag with the image it named before, when it moved. */
  tags: { ref: NamedReference; previous: Digest | undefined }[];
}

/** Writes a small JSON document as a blob and holds it. */
export async function storeDocument(ctx: ImageContext, holds: Holds, doc: unknown, mediaType: string): Promise<BlobRef> {
  const bytes = Buffer.from(JSON.stringify(doc));
  const info = await ctx.content.ingest(bytes);
  holds.blobs.add(info.digest);
  return { digest: info.digest, size: info.size, mediaType };
}

/** An OCI manifest naming a config and the layer blobs as stored. */
export function ociManifest(config: BlobRef, layers: readonly BlobRef[]): object {
  return {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  };
}

async function commitLayers(ctx: ImageContext, holds: Holds, pool: UnpackPool, image: ImageToCommit): Promise<Digest[]> {
  const chain: Digest[] = [];
  let parent: Digest | null = null;
  const diffIds = image.config.rootfs.diff_ids;
  for (let i = 0; i < diffIds.length; i++) {
    const diffId = diffIds[i]!;
    const id = chainId(parent, diffId);
    holds.layers.add(id);
    if (ctx.layers.get(id) === undefined) {
      const unpacked = await pool.take(image.layerBlobs[i]!.digest);
      if (unpacked.diffId !== diffId) {
        await ctx.layers.discard(unpacked);
        throw new InvalidArgument(`invalid diffID for layer ${i}: expected "${diffId}", got "${unpacked.diffId}"`);
      }
      try {
        await ctx.layers.commit(unpacked, parent);
      } catch (err) {
        await ctx.layers.discard(unpacked).catch(() => undefined);
        throw err;
      }
    }
    chain.push(id);
    parent = id;
  }
  return chain;
}

export function commitImages(ctx: ImageContext, holds: Holds, pool: UnpackPool, batch: readonly ImageToCommit[]): Promise<CommitResult[]> {
  return ctx.lock.run(async () => {
    const chains: Digest[][] = [];
    for (const image of batch) chains.push(await commitLayers(ctx, holds, pool, image));
    for (const image of batch) {
      for (const blob of [image.id, image.manifest.digest, ...image.layerBlobs.map((b) => b.digest)]) {
        holds.blobs.add(blob);
        if (!ctx.content.has(blob)) throw new Unavailable(`blob ${blob} was removed while the image was stored; try again`);
      }
    }
    const now = Date.now();
    return ctx.images.transaction(() => {
      const results = batch.map((image, n): CommitResult => {
        const chain = chains[n]!;
        const size = chain.reduce((sum, id) => sum + (ctx.layers.get(id)?.size ?? 0), 0);
        ctx.images.insert(
          {
            id: image.id,
            manifestDigest: image.manifest.digest,
            manifestMediaType: image.manifest.mediaType,
            manifestSize: image.manifest.size,
            configSize: image.configSize,
            topLayer: chain.at(-1) ?? null,
            parent: null,
            created: parseCreated(image.config.created),
            size,
            layers: image.layerBlobs.map((b, position) => ({
              position,
              chainId: chain[position]!,
              blobDigest: b.digest,
              blobMediaType: b.mediaType,
              blobSize: b.size,
            })),
          },
          now,
        );
        return { id: image.id, tags: image.tags.map((ref) => ({ ref, previous: ctx.images.addReference(ref, image.id, now) })) };
      });
      for (const image of batch) if (image.parent !== undefined) ctx.images.setParent(image.id, image.parent);
      return results;
    });
  });
}
