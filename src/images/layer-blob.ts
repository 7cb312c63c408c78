// Layer blobs as they arrive: whether a file in an archive is a layer, and
// the media type that names its compression. Decompression itself is the
// storage layer's (`decompress`, `detectCompression`).
import { MediaType, type LayerCompression } from '../spec/index.js';
import { detectCompression } from '../storage/index.js';

/** Enough leading bytes to recognise a compressed stream or a ustar header. */
export const headBytes = 512;

/** Whether the leading bytes can start a layer: a gzip or zstd stream or a ustar header. */
export function looksLikeLayer(head: Buffer): boolean {
  let compression: LayerCompression;
  try {
    compression = detectCompression(head);
  } catch {
    return false; // xz or bzip2: not a layer cais reads
  }
  return compression !== 'none' || (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar');
}

export function ociLayerMediaType(compression: LayerCompression): string {
  return compression === 'gzip' ? MediaType.ociLayerGzip : compression === 'zstd' ? MediaType.ociLayerZstd : MediaType.ociLayer;
}
