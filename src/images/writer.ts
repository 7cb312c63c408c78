// An operation that writes layers and images step by step, as a build does:
// it reads base images, adds layers one at a time (each committed at once,
// so the next step can mount it), and finally commits an image naming any
// of them. Everything it reads or writes is held (see gc.ts) until end(),
// which hands what no image or build cache record took up to the collector.
import type { Readable } from 'node:stream';
import type { Digest } from '../common/index.js';
import { MediaType, type ImageConfig, type NamedReference } from '../spec/index.js';
import { commitImages, ociManifest, storeDocument, type BlobRef, type CommitResult } from './commit.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { receiveLayer } from './import.js';
import { UnpackPool } from './unpack-pool.js';

/** A layer in the layer store with the blob an image names for it. */
export interface StoredLayer {
  chainId: Digest;
  diffId: Digest;
  blob: BlobRef;
}

export interface StoredImage {
  id: Digest;
  config: ImageConfig;
  /** Bottom first. */
  layers: StoredLayer[];
}

export class ImageWriter {
  private readonly holds: Holds;
  private readonly pool: UnpackPool;

  constructor(private readonly ctx: ImageContext) {
    this.holds = ctx.inFlight.begin();
    this.pool = new UnpackPool(ctx);
  }

  /** An image by name or id, held until end(); NotFound "No such image: ..." as Docker. */
  async image(name: string): Promise<StoredImage> {
    const record = this.ctx.images.resolve(name);
    this.holds.blobs.add(record.id);
    const rows = this.ctx.images.layers(record.id);
    const config = await this.ctx.images.config(record.id);
    const layers = rows.map((l, i) => ({
      chainId: l.chainId,
      diffId: config.rootfs.diff_ids[i]!,
      blob: { digest: l.blobDigest, size: l.blobSize, mediaType: l.blobMediaType },
    }));
    this.hold(layers);
    return { id: record.id, config, layers };
  }

  /** Holds layers someone else keeps (a build cache record) until end(). */
  hold(layers: readonly StoredLayer[]): void {
    for (const l of layers) {
      this.holds.layers.add(l.chainId);
      this.holds.blobs.add(l.blob.digest);
    }
  }

  /** Whether every layer is still in the store (a prune may have taken a record's). */
  present(layers: readonly StoredLayer[]): boolean {
    return layers.every((l) => this.ctx.layers.get(l.chainId) !== undefined && this.ctx.content.has(l.blob.digest));
  }

  /**
   * Stores a layer tar (kept as sent, as the blob) on top of parent and
   * unpacks it into the layer store, in one pass.
   */
  async addLayer(tar: Readable, parent: Digest | null): Promise<StoredLayer> {
    const blob = await receiveLayer(this.ctx, this.holds, tar, this.pool);
    const unpacked = await this.pool.take(blob.digest);
    const info = await this.ctx.lock.run(async () => {
      try {
        return await this.ctx.layers.commit(unpacked, parent);
      } catch (err) {
        await this.ctx.layers.discard(unpacked).catch(() => undefined);
        throw err;
      }
    });
    this.holds.layers.add(info.chainId);
    return { chainId: info.chainId, diffId: info.diffId, blob };
  }

  /** Writes the config and an OCI manifest and inserts the image with its tags. */
  async commit(config: ImageConfig, layers: readonly StoredLayer[], tags: readonly NamedReference[]): Promise<CommitResult> {
    const configBlob = await storeDocument(this.ctx, this.holds, config, MediaType.ociConfig);
    const blobs = layers.map((l) => l.blob);
    const manifest = await storeDocument(this.ctx, this.holds, ociManifest(configBlob, blobs), MediaType.ociManifest);
    const [result] = await commitImages(this.ctx, this.holds, this.pool, [
      { id: configBlob.digest, configSize: configBlob.size, config, manifest, layerBlobs: blobs, tags: [...tags] },
    ]);
    return result!;
  }

  /** Ends the operation: what no image or retained record references goes. */
  async end(): Promise<void> {
    await this.pool.discardUntaken();
    await this.ctx.collector.release(this.holds);
  }
}
