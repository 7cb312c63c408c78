// ImageService: the images folder's one entry point, used by the engine.
// Each method is one use case; the work lives in the files named after it.
import type { Readable } from 'node:stream';
import type { Digest } from '../common/index.js';
import type { ImageConfig, NamedReference } from '../spec/index.js';
import type {
  Filters,
  ImageDeleteItem,
  ImageHistoryItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
  JsonMessage,
} from '../spec/index.js';
import type { ContentStore, Database, LayerStore } from '../storage/index.js';
import type { ImageContext, ImageUsers } from './context.js';
import { Collector, InFlight, type Retained } from './gc.js';
import { ImageWriter } from './writer.js';
import { ImageStore } from './image-store.js';
import { commitContainerImage, prepareCommit, type ContainerCommit } from './from-container.js';
import { importImage, type ImportOptions } from './import.js';
import { loadImages, type LoadOptions } from './load.js';
import { pullImage, type ImageSource, type PullOptions } from './pull.js';
import { pushImage, type ImageDestination, type PushOptions, type PushResult } from './push.js';
import { Mutex, Semaphore } from './lock.js';
import { imageHistory, inspectImage, listImages, type ListOptions } from './queries.js';
import { pruneImages, removeImage, type RemoveOptions } from './remove.js';
import { saveImages } from './save.js';
import { tagImage } from './tag.js';

export interface ImageServiceOptions {
  db: Database;
  content: ContentStore;
  layers: LayerStore;
  /** Concurrent layer extractions (worker threads); defaults to 2. */
  unpackConcurrency?: number;
  /** The containers using each image: rmi refuses them, prune keeps them, lists count them. */
  users?: ImageUsers;
  /** The layers and blobs the build cache keeps, which garbage collection leaves. */
  retained?: Retained;
}

export interface ImagesDataUsage {
  LayersSize: number;
  Images: ImageSummary[];
}

/** What a container takes from its image. */
export interface ContainerImage {
  id: Digest;
  config: ImageConfig;
  /** Layer chain ids, bottom first. */
  chain: Digest[];
  size: number;
}

export class ImageService {
  private readonly ctx: ImageContext;

  constructor(opts: ImageServiceOptions) {
    const images = new ImageStore(opts.db, opts.content);
    const inFlight = new InFlight();
    const lock = new Mutex();
    this.ctx = {
      images,
      content: opts.content,
      layers: opts.layers,
      inFlight,
      lock,
      unpackSlots: new Semaphore(opts.unpackConcurrency ?? 2),
      users: opts.users ?? (() => new Map()),
      collector: new Collector(images, opts.content, opts.layers, inFlight, lock, opts.retained ?? (() => ({ layers: new Set(), blobs: new Set() }))),
    };
  }

  /** Migrates the tables, then removes blobs and layers no image references (after a crash, say). */
  async init(): Promise<void> {
    this.ctx.images.init();
    await this.ctx.collector.collect();
  }

  async count(): Promise<number> {
    return this.ctx.images.count();
  }

  async list(opts: ListOptions = {}): Promise<ImageSummary[]> {
    return listImages(this.ctx, opts);
  }

  async inspect(name: string): Promise<ImageInspect> {
    return inspectImage(this.ctx, name);
  }

  /** Docker's GetImage: the id an image name, id or id prefix stands for; NotFound "No such image: ...". */
  resolveId(name: string): Digest {
    return this.ctx.images.resolve(name).id;
  }

  /** The image a container is created from: its id, config and layers. */
  async forContainer(name: string): Promise<ContainerImage> {
    const img = this.ctx.images.resolve(name);
    const config = await this.ctx.images.config(img.id);
    return { id: img.id, config, chain: this.ctx.images.layers(img.id).map((l) => l.chainId), size: img.size };
  }

  /** An operation that adds layers and images step by step (a build); end() it when done. */
  writer(): ImageWriter {
    return new ImageWriter(this.ctx);
  }

  /** Removes every blob and layer nothing references (after the build cache dropped records). */
  async collectGarbage(): Promise<void> {
    await this.ctx.collector.collect();
  }

  async history(name: string): Promise<ImageHistoryItem[]> {
    return imageHistory(this.ctx, name);
  }

  /** `repo` may carry a tag (`busybox:1`); `tag`, when given, replaces it. */
  async tag(source: string, repo: string, tag?: string): Promise<void> {
    return tagImage(this.ctx, source, repo, tag);
  }

  async remove(name: string, opts: RemoveOptions = {}): Promise<ImageDeleteItem[]> {
    return removeImage(this.ctx, name, opts);
  }

  async prune(opts: { filters?: Filters } = {}): Promise<ImagePruneResponse> {
    return pruneImages(this.ctx, opts.filters);
  }

  /** Returns the new image's id. */
  async import(body: Readable, opts: ImportOptions = {}): Promise<Digest> {
    return importImage(this.ctx, body, opts);
  }

  /** Throws what commitContainer would refuse (the tag, the changes) before any work. */
  checkCommit(opts: ContainerCommit): void {
    prepareCommit(opts);
  }

  /** `docker commit`: a container's layer tar on top of its image; returns the new image's id. */
  async commitContainer(layerTar: Readable, opts: ContainerCommit): Promise<Digest> {
    return commitContainerImage(this.ctx, layerTar, opts);
  }

  async load(body: Readable, opts: LoadOptions, progress: (m: JsonMessage) => void): Promise<void> {
    return loadImages(this.ctx, body, opts, progress);
  }

  /** Pulls `ref` (by tag, or by digest) from a registry repository; returns the image id. */
  async pull(source: ImageSource, ref: NamedReference, opts: PullOptions, progress: (m: JsonMessage) => void): Promise<Digest> {
    return pullImage(this.ctx, source, ref, opts, progress);
  }

  /** Pushes the image a tag names to a registry repository. */
  async push(dest: ImageDestination, ref: NamedReference, opts: PushOptions, progress: (m: JsonMessage) => void): Promise<PushResult> {
    return pushImage(this.ctx, dest, ref, opts, progress);
  }

  /** The tags of a repository (`push --all-tags`), sorted. */
  tagsOf(repo: NamedReference): NamedReference[] {
    return this.ctx.images
      .referencesByName(repo)
      .map((r) => r.ref)
      .filter((ref) => ref.tag !== undefined && ref.digest === undefined);
  }

  async save(names: string[]): Promise<Readable> {
    return saveImages(this.ctx, names);
  }

  /** For /system/df: the size of the layers images use, and every image with shared sizes and container counts. */
  /** The layers some image is made of (build cache records sharing one are "shared"). */
  imageLayers(): Set<Digest> {
    return this.ctx.images.referencedLayers();
  }

  async dataUsage(): Promise<ImagesDataUsage> {
    const used = this.ctx.images.referencedLayers();
    const LayersSize = this.ctx.layers.list().reduce((sum, l) => sum + (used.has(l.chainId) ? l.size : 0), 0);
    const Images = await listImages(this.ctx, { sharedSize: true, containerCount: true });
    return { LayersSize, Images };
  }
}
