// One layer from blob bytes to files: decompress (decompress.ts), hash the
// tar (the diff id) and count it here, unpack it in a worker (unpack-job.ts).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { InvalidArgument, type Digest } from '../../common/index.js';
import { decompress } from './decompress.js';
import { UnpackJob } from './unpack-job.js';

/** Largest uncompressed layer (and so largest entry). */
export const maxLayerBytes = 64 * 1024 ** 3;

export interface UnpackResult {
  diffId: Digest;
  /** Docker-style size: non-directories, hard links once. */
  size: number;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
}

/** Unpacks src into root (an existing empty directory). On failure root may hold partial content: the caller removes it. */
export async function unpackLayer(src: Readable, root: string): Promise<UnpackResult> {
  const job = UnpackJob.start(root, maxLayerBytes);
  const hash = createHash('sha256');
  let tarSize = 0;
  try {
    for await (const chunk of decompress(src)) {
      tarSize += chunk.length;
      if (tarSize > maxLayerBytes) throw new InvalidArgument(`invalid layer: larger than the limit of ${maxLayerBytes} bytes uncompressed`);
      hash.update(chunk);
      await job.write(chunk);
    }
    const size = await job.end();
    return { diffId: `sha256:${hash.digest('hex')}`, size, tarSize };
  } catch (err) {
    await job.abort();
    throw err;
  }
}
