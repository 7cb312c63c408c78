// Layer extractions started ahead of need: a load starts unpacking each
// blob that looks like a layer as soon as it is stored, so extraction (in
// worker threads) overlaps reading the rest of the archive. Each extraction
// is taken at most once; what nobody took is discarded at the end.
import type { Digest } from '../common/index.js';
import type { UnpackedLayer } from '../storage/index.js';
import type { ImageContext } from './context.js';

export class UnpackPool {
  private readonly pending = new Map<Digest, Promise<UnpackedLayer>>();
  private readonly all: Promise<UnpackedLayer>[] = [];
  private readonly taken = new Set<Promise<UnpackedLayer>>();

  constructor(private readonly ctx: ImageContext) {}

  /** Adds an extraction that is already running (import feeds it from the request body). */
  put(blob: Digest, unpack: Promise<UnpackedLayer>): void {
    unpack.catch(() => {
      // reported to whoever takes it; an untaken failure does not matter
    });
    this.pending.set(blob, unpack);
    this.all.push(unpack);
  }

  /** Starts extracting a stored blob, unless one is pending for it. */
  start(blob: Digest): void {
    if (this.pending.has(blob)) return;
    // the layer store detects gzip and zstd itself
    this.put(blob, this.ctx.unpackSlots.run(() => this.ctx.layers.unpack(this.ctx.content.createReadStream(blob))));
  }

  /** The diff id of a blob's extraction (waiting for it), without taking it. */
  async diffId(blob: Digest): Promise<Digest> {
    this.start(blob);
    return (await this.pending.get(blob)!).diffId;
  }

  /** Takes the extraction of a blob, starting a new one when it was taken already. */
  take(blob: Digest): Promise<UnpackedLayer> {
    let unpack = this.pending.get(blob);
    if (unpack === undefined || this.taken.has(unpack)) {
      this.pending.delete(blob);
      this.start(blob);
      unpack = this.pending.get(blob)!;
    }
    this.taken.add(unpack);
    return unpack;
  }

  /** Waits for every extraction and discards those nobody took. */
  async discardUntaken(): Promise<void> {
    for (const unpack of this.all) {
      if (this.taken.has(unpack)) continue;
      try {
        await this.ctx.layers.discard(await unpack);
      } catch {
        // a failed extraction left nothing behind
      }
    }
  }
}
