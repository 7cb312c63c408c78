// `docker commit`'s image side (moby's CommitImage and image.NewChildImage):
// a container's changes, as a layer tar, on top of the layers of the image
// it was created from. The new config is the container's (with the
// `changes` applied), its history the parent's plus one entry; an empty
// diff adds no layer (an `empty_layer` entry), as Docker. cais writes an
// OCI manifest naming the parent's layer blobs as stored and the new
// layer's tar, and records no parent link.
import type { Readable } from 'node:stream';
import type { Digest } from '../common/index.js';
import { MediaType, type ContainerConfig, type History, type ImageConfig } from '../spec/index.js';
import { applyChanges } from './changes.js';
import { commitImages, ociManifest, storeDocument, type BlobRef } from './commit.js';
import type { ImageContext } from './context.js';
import { receiveLayer } from './import.js';
import { checkTaggable, repoTagReference } from './tag.js';
import { UnpackPool } from './unpack-pool.js';

/** sha256 of 1024 zero bytes: a tar with no entries (layer.DigestSHA256EmptyTar). */
export const emptyTarDiffId = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

export interface ContainerCommit {
  /** The image the container was created from. */
  parent: Digest;
  /** The container's config, which becomes the image's (before `changes`). */
  config: ContainerConfig;
  /** The container's command, for the history's created_by. */
  cmd: readonly string[];
  changes?: string[];
  author?: string;
  comment?: string;
  repo?: string;
  tag?: string;
}

/** Checks what can be refused before the container is read: the tag and the changes. */
export function prepareCommit(opts: ContainerCommit): { config: ContainerConfig; tags: NonNullable<ReturnType<typeof repoTagReference>>[] } {
  const ref = repoTagReference(opts.repo, opts.tag);
  if (ref) checkTaggable(ref);
  return { config: applyChanges(opts.config, opts.changes ?? []), tags: ref ? [ref] : [] };
}

export async function commitContainerImage(ctx: ImageContext, layerTar: Readable, opts: ContainerCommit): Promise<Digest> {
  const { config: runConfig, tags } = prepareCommit(opts);
  const holds = ctx.inFlight.begin();
  const pool = new UnpackPool(ctx);
  try {
    const parent = ctx.images.resolve(opts.parent);
    const parentConfig = await ctx.images.config(parent.id);
    const parentLayers = ctx.images.layers(parent.id);
    // Held, so that removing the parent meanwhile cannot take them away.
    for (const l of parentLayers) {
      holds.layers.add(l.chainId);
      holds.blobs.add(l.blobDigest);
    }
    const parentBlobs: BlobRef[] = parentLayers.map((l) => ({ digest: l.blobDigest, size: l.blobSize, mediaType: l.blobMediaType }));
    const layer = await receiveLayer(ctx, holds, layerTar, pool);
    const diffId = await pool.diffId(layer.digest);
    const empty = diffId === emptyTarDiffId;
    const created = new Date().toISOString();
    const history: History = {
      created,
      ...(opts.author ? { author: opts.author } : {}),
      ...(opts.cmd.length > 0 ? { created_by: opts.cmd.join(' ') } : {}),
      ...(opts.comment ? { comment: opts.comment } : {}),
      ...(empty ? { empty_layer: true } : {}),
    };
    const diffIds = parentConfig.rootfs.diff_ids;
    const config: ImageConfig = {
      ...(opts.author ? { author: opts.author } : {}),
      created,
      config: runConfig,
      architecture: parentConfig.architecture,
      ...(parentConfig.variant !== undefined ? { variant: parentConfig.variant } : {}),
      os: parentConfig.os,
      ...(parentConfig['os.version'] !== undefined ? { 'os.version': parentConfig['os.version'] } : {}),
      ...(parentConfig['os.features'] !== undefined ? { 'os.features': parentConfig['os.features'] } : {}),
      rootfs: { type: 'layers', diff_ids: empty ? diffIds : [...diffIds, diffId] },
      history: [...(parentConfig.history ?? []), history],
    };
    const layerBlobs = empty ? parentBlobs : [...parentBlobs, layer];
    const configBlob = await storeDocument(ctx, holds, config, MediaType.ociConfig);
    const manifest = await storeDocument(ctx, holds, ociManifest(configBlob, layerBlobs), MediaType.ociManifest);
    await commitImages(ctx, holds, pool, [{ id: configBlob.digest, configSize: configBlob.size, config, manifest, layerBlobs, tags }]);
    return configBlob.digest;
  } finally {
    await pool.discardUntaken();
    await ctx.collector.release(holds);
  }
}
