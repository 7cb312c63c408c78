// `docker push`: an image's blobs and then its manifest, the bytes it was
// stored with (so the registry gets the digests `images --digests` shows).
// A layer the registry has is not sent ("Layer already exists"); one that a
// repository of the same registry holds locally is mounted from there
// ("Mounted from ..."), as moby's pusher does with its blob metadata; the
// rest are uploaded, several at once. Everything pushed is held until the
// push ends, so a concurrent prune cannot take it from under the upload.
import type { Readable } from 'node:stream';
import { InvalidArgument, NotFound, shortId, type Digest } from '../common/index.js';
import { imageConfigSchema, parseDocument, referenceString, type JsonMessage, type NamedReference } from '../spec/index.js';
import type { ImageContext } from './context.js';
import { maxDocumentBytes } from './image-store.js';
import { eachLimited } from './lock.js';

/** Where a push writes to: one repository of a registry. */
export interface ImageDestination {
  hasBlob(digest: Digest): Promise<boolean>;
  /** True when the registry mounted the blob from repository `fromPath`. */
  mountBlob(digest: Digest, fromPath: string): Promise<boolean>;
  pushBlob(desc: { digest: Digest; size: number }, open: () => Readable, onProgress: (sent: number) => void): Promise<void>;
  /** Returns the digest the registry gave the manifest. */
  putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<Digest>;
}

export interface PushOptions {
  /** Concurrent layer uploads (dockerd's max-concurrent-uploads); 5 by default. */
  concurrency?: number;
}

export interface PushResult {
  tag: string;
  digest: Digest;
  size: number;
}

const defaultConcurrency = 5;
const progressIntervalMs = 100;

type Progress = (m: JsonMessage) => void;

/** Pushes the image `ref` (a tag) names; the caller has said "The push refers to repository [...]". */
export async function pushImage(ctx: ImageContext, dest: ImageDestination, ref: NamedReference, opts: PushOptions, progress: Progress): Promise<PushResult> {
  const tag = ref.tag ?? 'latest';
  const named = { domain: ref.domain, path: ref.path, tag };
  const id = ctx.images.getReference(named);
  if (id === undefined) throw new NotFound(`An image does not exist locally with the tag: ${referenceString({ domain: ref.domain, path: ref.path })}`);
  const holds = ctx.inFlight.begin();
  try {
    const record = ctx.images.get(id)!;
    const rows = ctx.images.layers(id);
    for (const blob of [id, record.manifestDigest, ...rows.map((r) => r.blobDigest)]) holds.blobs.add(blob);
    const config = parseDocument(imageConfigSchema, await ctx.content.read(id, maxDocumentBytes), `image config ${id}`);
    const manifest = await ctx.content.read(record.manifestDigest, maxDocumentBytes);
    const layers = rows.map((row, i) => ({ digest: row.blobDigest, size: row.blobSize, id: shortId(config.rootfs.diff_ids[i] ?? row.blobDigest) }));
    if (layers.some((l) => !ctx.content.has(l.digest))) throw new InvalidArgument(`image ${id} lacks a layer blob; it cannot be pushed`);

    // Docker lists the layers top first.
    const topFirst = [...layers].reverse();
    for (const layer of topFirst) progress({ status: 'Preparing', id: layer.id, progressDetail: {} });
    const concurrency = opts.concurrency ?? defaultConcurrency;
    for (const layer of topFirst.slice(concurrency)) progress({ status: 'Waiting', id: layer.id, progressDetail: {} });
    // asked alongside the layers: one round trip less
    const configPresent = dest.hasBlob(id);
    configPresent.catch(() => undefined);
    const sent = new Set<Digest>();
    await eachLimited(topFirst, concurrency, async (layer) => {
      // the same blob twice in one image goes once
      if (sent.has(layer.digest) || (await dest.hasBlob(layer.digest))) {
        sent.add(layer.digest);
        progress({ status: 'Layer already exists', id: layer.id, progressDetail: {} });
        return;
      }
      sent.add(layer.digest);
      for (const from of mountCandidates(ctx, layer.digest, ref)) {
        if (await dest.mountBlob(layer.digest, from)) {
          progress({ status: `Mounted from ${from}`, id: layer.id, progressDetail: {} });
          return;
        }
      }
      let last = 0;
      await dest.pushBlob(layer, () => ctx.content.createReadStream(layer.digest), (current) => {
        const now = Date.now();
        if (now - last < progressIntervalMs) return;
        last = now;
        progress({ status: 'Pushing', id: layer.id, progressDetail: { current, total: layer.size } });
      });
      progress({ status: 'Pushed', id: layer.id, progressDetail: {} });
    });
    if (!(await configPresent)) await dest.pushBlob({ digest: id, size: record.configSize }, () => ctx.content.createReadStream(id), () => undefined);
    const digest = await dest.putManifest(tag, manifest, record.manifestMediaType);
    if (digest !== record.manifestDigest) {
      throw new InvalidArgument(`the registry stored the manifest as ${digest}, not ${record.manifestDigest}`);
    }
    progress({ status: `${tag}: digest: ${digest} size: ${manifest.length}` });
    progress({ progressDetail: {}, aux: { Tag: tag, Digest: digest, Size: manifest.length } });
    return { tag, digest, size: manifest.length };
  } finally {
    await ctx.collector.release(holds);
  }
}

/** Other repositories of the same registry whose local images hold the blob. */
function mountCandidates(ctx: ImageContext, blob: Digest, target: NamedReference): string[] {
  const paths = ctx.images
    .referencesWithBlob(blob)
    .filter((r) => r.domain === target.domain && r.path !== target.path)
    .map((r) => r.path);
  return [...new Set(paths)].slice(0, 3);
}
