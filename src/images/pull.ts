// `docker pull`: a manifest (chosen for the platform from an index), its
// config and its layers, read from an ImageSource (a registry repository;
// src/registry provides it). Each layer blob is stored and extracted in one
// pass, several at once; a layer already in the store with its blob is not
// fetched ("Already exists"). The source verifies every blob's digest before
// its stream ends, the store checks it again, and each extraction's diff id
// is checked against the config; nothing is visible until commitImages
// inserts the image and its references in one transaction, so a failed pull
// leaves the store as it was (what it wrote was only held, see gc.ts).
import type { Readable } from 'node:stream';
import { InvalidArgument, NotFound, chainIds, shortId, type Digest } from '../common/index.js';
import {
  familiarString,
  imageConfigSchema,
  indexSchema,
  isConfigType,
  isIndexType,
  isManifestType,
  layerCompression,
  manifestSchema,
  parseDocument,
  withDigest,
  type Descriptor,
  type ImageConfig,
  type JsonMessage,
  type Manifest,
  type NamedReference,
  type Platform,
} from '../spec/index.js';
import { commitImages, type BlobRef } from './commit.js';
import type { ImageContext } from './context.js';
import type { Holds } from './gc.js';
import { maxDocumentBytes } from './image-store.js';
import { receiveLayer } from './import.js';
import { eachLimited } from './lock.js';
import { checkOs, matchesPlatform, parsePlatform, platformString } from './platform.js';
import { UnpackPool } from './unpack-pool.js';

/** A manifest or index as a registry served it. */
export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: Digest;
}

/** Where a pull reads from. */
export interface ImageSource {
  /** A manifest or an index by tag or digest; by digest, its bytes are verified against it. */
  manifest(reference: string): Promise<FetchedManifest>;
  /** A blob's bytes; the stream errors rather than end when they do not match the descriptor. */
  blob(desc: { digest: Digest; size: number }): Promise<Readable>;
}

export interface PullOptions {
  /** `os[/arch[/variant]]`; the host's when absent. */
  platform?: string;
  /** Concurrent layer downloads (dockerd's max-concurrent-downloads); 3 by default. */
  concurrency?: number;
}

const defaultConcurrency = 3;
const progressIntervalMs = 100;
const maxIndexDepth = 4;

type Progress = (m: JsonMessage) => void;

/** The platform's manifest, through nested indexes. */
async function platformManifest(
  source: ImageSource,
  fetched: FetchedManifest,
  platform: Platform,
  depth = 0,
): Promise<{ manifest: Manifest; fetched: FetchedManifest }> {
  if (isManifestType(fetched.mediaType)) {
    return { manifest: parseDocument(manifestSchema, fetched.bytes, `manifest ${fetched.digest}`), fetched };
  }
  if (!isIndexType(fetched.mediaType) || depth >= maxIndexDepth) {
    throw new InvalidArgument(`unsupported manifest media type and no default available: ${fetched.mediaType}`);
  }
  const index = parseDocument(indexSchema, fetched.bytes, `manifest list ${fetched.digest}`);
  // as containerd's platform matcher: the first entry for the platform
  const entry = index.manifests.find((m) => m.platform !== undefined && matchesPlatform(m.platform, platform));
  if (entry === undefined) throw new NotFound(`no matching manifest for ${platformString(platform)} in the manifest list entries`);
  const child = await source.manifest(entry.digest);
  if (child.digest !== entry.digest) throw new InvalidArgument(`manifest ${entry.digest}: the registry sent ${child.digest}`);
  return platformManifest(source, { ...child, mediaType: entry.mediaType }, platform, depth + 1);
}

async function fetchConfig(ctx: ImageContext, holds: Holds, source: ImageSource, desc: Descriptor): Promise<ImageConfig> {
  if (!isConfigType(desc.mediaType)) throw new InvalidArgument(`unsupported config media type ${desc.mediaType}`);
  if (desc.size > maxDocumentBytes) throw new InvalidArgument(`image config ${desc.digest} is larger than ${maxDocumentBytes} bytes`);
  holds.blobs.add(desc.digest);
  if (!ctx.content.has(desc.digest)) {
    await ctx.content.ingest(await source.blob(desc), { digest: desc.digest, size: desc.size });
  }
  return parseDocument(imageConfigSchema, await ctx.content.read(desc.digest, maxDocumentBytes), `image config ${desc.digest}`);
}

/** Reports a layer's download as Docker does: a bar at most every 100 ms. */
function countBytes(stream: Readable, id: string, total: number, progress: Progress): Readable {
  let current = 0;
  let last = 0;
  stream.on('data', (chunk: Buffer) => {
    current += chunk.length;
    const now = Date.now();
    if (now - last < progressIntervalMs) return;
    last = now;
    progress({ status: 'Downloading', id, progressDetail: { current, total } });
  });
  return stream;
}

interface LayerToFetch {
  desc: Descriptor;
  id: string;
  /** The layer is unpacked already: only its blob is missing. */
  blobOnly: boolean;
}

/** Pulls `ref` (a tag or a digest) from source; returns the image id. */
export async function pullImage(ctx: ImageContext, source: ImageSource, ref: NamedReference, opts: PullOptions, progress: Progress): Promise<Digest> {
  const platform = parsePlatform(opts.platform);
  const reference = ref.digest ?? ref.tag ?? 'latest';
  // after the manifest, as dockerd: a registry that fails first gets an HTTP error status, not a stream
  const top = await source.manifest(reference);
  progress({ status: `Pulling from ${ref.path}`, id: reference });
  const holds = ctx.inFlight.begin();
  const pool = new UnpackPool(ctx);
  try {
    const { manifest, fetched } = await platformManifest(source, top, platform);
    const config = await fetchConfig(ctx, holds, source, manifest.config);
    checkOs(config.os);
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== manifest.layers.length) {
      throw new InvalidArgument(`invalid manifest, layers length mismatch: expected ${manifest.layers.length}, got ${diffIds.length}`);
    }
    for (const layer of manifest.layers) {
      if (layerCompression(layer.mediaType) === undefined) throw new InvalidArgument(`unsupported layer media type ${layer.mediaType}`);
    }
    const chains = chainIds(diffIds);
    const toFetch: LayerToFetch[] = [];
    manifest.layers.forEach((desc, i) => {
      holds.blobs.add(desc.digest);
      holds.layers.add(chains[i]!);
      const id = shortId(desc.digest);
      const unpacked = ctx.layers.get(chains[i]!) !== undefined;
      if (unpacked && ctx.content.has(desc.digest)) progress({ status: 'Already exists', id, progressDetail: {} });
      else toFetch.push({ desc, id, blobOnly: unpacked });
    });
    for (const layer of toFetch) progress({ status: 'Pulling fs layer', id: layer.id, progressDetail: {} });
    const concurrency = opts.concurrency ?? defaultConcurrency;
    for (const layer of toFetch.slice(concurrency)) progress({ status: 'Waiting', id: layer.id, progressDetail: {} });
    await eachLimited(toFetch, concurrency, async ({ desc, id, blobOnly }) => {
      const body = countBytes(await source.blob(desc), id, desc.size, progress);
      const expected = { digest: desc.digest, size: desc.size };
      if (blobOnly) await ctx.content.ingest(body, expected);
      else await receiveLayer(ctx, holds, body, pool, expected);
      progress({ status: 'Verifying Checksum', id, progressDetail: {} });
      progress({ status: 'Download complete', id, progressDetail: {} });
    });
    await ctx.content.ingest(fetched.bytes, { digest: fetched.digest });
    holds.blobs.add(fetched.digest);
    const layerBlobs = manifest.layers.map((l): BlobRef => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }));
    const named = ref.digest !== undefined ? ref : { domain: ref.domain, path: ref.path, tag: ref.tag ?? 'latest' };
    const tags = ref.digest !== undefined ? [ref] : [named, withDigest({ domain: ref.domain, path: ref.path }, top.digest)];
    const [result] = await commitImages(ctx, holds, pool, [
      {
        id: manifest.config.digest,
        configSize: manifest.config.size,
        config,
        manifest: { digest: fetched.digest, size: fetched.bytes.length, mediaType: fetched.mediaType },
        layerBlobs,
        tags,
      },
    ]);
    for (const layer of toFetch) progress({ status: 'Pull complete', id: layer.id, progressDetail: {} });
    progress({ status: `Digest: ${top.digest}` });
    const moved = result!.tags[0]!.previous !== result!.id;
    progress({ status: `Status: ${moved ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarString(named)}` });
    return result!.id;
  } finally {
    await pool.discardUntaken();
    await ctx.collector.release(holds);
  }
}
