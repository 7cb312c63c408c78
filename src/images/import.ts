// `docker import`: a root filesystem tar (plain, gzip or zstd) becomes a
// one-layer image, as moby's image_import.go builds it. The body is read
// once: it is stored as the layer blob (as received) and extracted at the
// same time.
import { PassThrough, type Readable } from 'node:stream';
import type { Digest } from '../common/index.js';
import { MediaType, type ContainerConfig, type ImageConfig } from '../spec/index.js';
import { applyChanges } from './changes.js';
import { commitImages, ociManifest, storeDocument, type BlobRef } from './commit.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { detectCompression, type IngestExpectation } from '../storage/index.js';
import { ociLayerMediaType } from './layer-blob.js';
import { parsePlatform } from './platform.js';
import { checkTaggable, repoTagReference } from './tag.js';
import { UnpackPool } from './unpack-pool.js';

export interface ImportOptions {
  repo?: string;
  tag?: string;
  changes?: string[];
  /** The history comment; "Imported from -" when absent, as the API router sets it. */
  message?: string;
  /** `os[/arch[/variant]]`; the host's when absent. */
  platform?: string;
}

// container.Config{} as Go marshals it: the fields without omitempty.
const emptyConfig: ContainerConfig = {
  Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false,
  OpenStdin: false, StdinOnce: false, Env: null, Cmd: null, Image: '', Volumes: null, WorkingDir: '', Entrypoint: null,
  OnBuild: null, Labels: null,
};

// Magic numbers of bzip2 and xz fit in the first 6 bytes.
const sniffBytes = 6;

/** Stores the body as a blob (checked against `expected`) and extracts it, in one pass; the unpacked layer waits in the pool. */
export async function receiveLayer(
  ctx: ImageContext,
  holds: Holds,
  body: Readable,
  pool: UnpackPool,
  expected: IngestExpectation = {},
): Promise<BlobRef> {
  const toStore = new PassThrough();
  const toUnpack = new PassThrough();
  let head = Buffer.alloc(0);
  const fail = (err: Error): void => {
    toStore.destroy(err);
    toUnpack.destroy(err);
    body.unpipe();
    body.resume(); // drain what is left, so the request ends
  };
  const sniff = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]).subarray(0, sniffBytes);
    if (head.length < sniffBytes) return;
    body.off('data', sniff);
    try {
      detectCompression(head);
    } catch (err) {
      fail(err as Error);
    }
  };
  // errors reach the caller through the ingest and unpack promises
  toStore.on('error', () => undefined);
  toUnpack.on('error', () => undefined);
  body.on('data', sniff);
  body.on('error', fail);
  body.pipe(toStore);
  body.pipe(toUnpack);

  const stored = ctx.content.ingest(toStore, expected).then((info) => {
    holds.blobs.add(info.digest);
    return info;
  });
  const unpacked = ctx.unpackSlots.run(() => ctx.layers.unpack(toUnpack));
  stored.catch(fail);
  unpacked.catch(fail);
  const [blob] = await Promise.all([stored, unpacked]).catch(async (err: unknown) => {
    await Promise.allSettled([stored, unpacked]);
    const u = await unpacked.catch(() => undefined);
    if (u) await ctx.layers.discard(u).catch(() => undefined);
    throw err;
  });
  pool.put(blob.digest, unpacked);
  return { digest: blob.digest, size: blob.size, mediaType: ociLayerMediaType(detectCompression(head)) };
}

export async function importImage(ctx: ImageContext, body: Readable, opts: ImportOptions = {}): Promise<Digest> {
  // everything that can be refused is refused before the body is read
  const ref = repoTagReference(opts.repo, opts.tag);
  if (ref) checkTaggable(ref);
  const platform = parsePlatform(opts.platform);
  const runConfig = applyChanges(emptyConfig, opts.changes ?? []);
  const message = opts.message ?? 'Imported from -';

  const holds = ctx.inFlight.begin();
  const pool = new UnpackPool(ctx);
  try {
    const layer = await receiveLayer(ctx, holds, body, pool);
    const diffId = await pool.diffId(layer.digest);
    const created = new Date().toISOString();
    const config: ImageConfig = {
      comment: message,
      created,
      config: runConfig,
      architecture: platform.architecture,
      ...(platform.variant !== undefined ? { variant: platform.variant } : {}),
      os: platform.os,
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, comment: message }],
    };
    const configBlob = await storeDocument(ctx, holds, config, MediaType.ociConfig);
    const manifest = await storeDocument(ctx, holds, ociManifest(configBlob, [layer]), MediaType.ociManifest);
    await commitImages(ctx, holds, pool, [
      { id: configBlob.digest, configSize: configBlob.size, config, manifest, layerBlobs: [layer], tags: ref ? [ref] : [] },
    ]);
    return configBlob.digest;
  } finally {
    await pool.discardUntaken();
    await ctx.collector.release(holds);
  }
}
