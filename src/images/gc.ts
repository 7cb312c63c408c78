// Garbage collection of blobs and layers that no image (and no build cache
// record, see Retained) references.
//
// Every operation that writes to the stores (import, load, save, ...) takes
// a Holds from the InFlight registry and records in it the blobs and layers
// it will reference, before or as soon as it knows them. The collector never
// removes something held, so two operations that share a blob or layer never
// pull it from under each other. When an operation ends, successful or not,
// it calls collect() on what it held: whatever no image took up is removed,
// and the store is exactly as before a failed operation. The same collector
// runs over everything at startup, after a crash.
import { Conflict, log, errorMessage, type Digest } from '../common/index.js';
import type { ContentStore, LayerInfo, LayerStore } from '../storage/index.js';
import type { ImageStore } from './image-store.js';
import type { Mutex } from './lock.js';

export interface Holds {
  readonly blobs: Set<Digest>;
  readonly layers: Set<Digest>;
}

export class InFlight {
  private readonly active = new Set<Holds>();

  begin(): Holds {
    const holds: Holds = { blobs: new Set(), layers: new Set() };
    this.active.add(holds);
    return holds;
  }

  end(holds: Holds): void {
    this.active.delete(holds);
  }

  holdsBlob(digest: Digest): boolean {
    for (const h of this.active) if (h.blobs.has(digest)) return true;
    return false;
  }

  holdsLayer(chainId: Digest): boolean {
    for (const h of this.active) if (h.layers.has(chainId)) return true;
    return false;
  }
}

/** Layers ordered children first, so each can be removed after the layers above it. */
function topDown(layers: LayerInfo[], all: LayerInfo[]): LayerInfo[] {
  const byId = new Map(all.map((l) => [l.chainId, l]));
  const depth = (l: LayerInfo): number => {
    let d = 0;
    for (let p = l.parent; p !== null; p = byId.get(p)?.parent ?? null) d++;
    return d;
  };
  return layers.map((l) => ({ l, d: depth(l) })).sort((a, b) => b.d - a.d).map((x) => x.l);
}

/** What stores other than images keep (the build cache): the collector leaves it too. */
export type Retained = () => { layers: ReadonlySet<Digest>; blobs: ReadonlySet<Digest> };

export class Collector {
  constructor(
    private readonly images: ImageStore,
    private readonly content: ContentStore,
    private readonly layers: LayerStore,
    private readonly inFlight: InFlight,
    private readonly lock: Mutex,
    private readonly retained: Retained,
  ) {}

  /**
   * Removes the given candidates (all blobs and layers when omitted) that no
   * image references and no operation holds. Returns the layers removed,
   * top-most first.
   */
  collect(candidates?: Holds): Promise<LayerInfo[]> {
    return this.lock.run(() => this.collectLocked(candidates));
  }

  /** collect() for callers that already hold the lock. */
  async collectLocked(candidates?: Holds): Promise<LayerInfo[]> {
    const allLayers = this.layers.list();
    const retained = this.retained();
    const usedLayers = this.images.referencedLayers();
    for (const id of retained.layers) usedLayers.add(id);
    const wanted = candidates ? allLayers.filter((l) => candidates.layers.has(l.chainId)) : allLayers;
    const removable = wanted.filter((l) => !usedLayers.has(l.chainId) && !this.inFlight.holdsLayer(l.chainId));
    const removed: LayerInfo[] = [];
    for (const layer of topDown(removable, allLayers)) {
      try {
        await this.layers.remove(layer.chainId);
        removed.push(layer);
      } catch (err) {
        // a child layer still in use (held by an operation) keeps its parent
        if (!(err instanceof Conflict)) throw err;
      }
    }
    const usedBlobs = this.images.referencedBlobs();
    for (const digest of retained.blobs) usedBlobs.add(digest);
    const blobs = candidates ? [...candidates.blobs] : await this.content.list();
    for (const digest of blobs) {
      if (usedBlobs.has(digest) || this.inFlight.holdsBlob(digest)) continue;
      await this.content.delete(digest);
    }
    return removed;
  }

  /** Ends an operation and removes what it held that no image took up. Never throws. */
  async release(holds: Holds): Promise<void> {
    this.inFlight.end(holds);
    try {
      await this.collect(holds);
    } catch (err) {
      log.warn('garbage collection after an operation failed', { error: errorMessage(err) });
    }
  }
}
