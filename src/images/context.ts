// What every image operation works with: the stores, the registry of
// in-flight operations, the collector and the lock that orders the short
// phases that change the store.
import type { ContentStore, LayerStore } from '../storage/index.js';
import type { Collector, InFlight } from './gc.js';
import type { ImageStore } from './image-store.js';
import type { Mutex, Semaphore } from './lock.js';

/** A container that uses an image (images cannot know containers: the engine tells them). */
export interface ImageUser {
  id: string;
  running: boolean;
}

/** The containers using each image, by image id; images no container uses are absent. */
export type ImageUsers = () => ReadonlyMap<string, readonly ImageUser[]>;

export interface ImageContext {
  readonly images: ImageStore;
  readonly content: ContentStore;
  readonly layers: LayerStore;
  readonly inFlight: InFlight;
  readonly collector: Collector;
  /** Held while an operation commits layers and inserts rows, deletes, or collects garbage. */
  readonly lock: Mutex;
  /** Bounds concurrent layer extractions (each runs in a worker thread). */
  readonly unpackSlots: Semaphore;
  readonly users: ImageUsers;
}
