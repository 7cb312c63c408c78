// One layer from blob bytes to files: decompress (decompress.ts), hash the
// tar (the diff id) and count it here, unpack it in a worker (unpack-job.ts).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { InvalidArgument, type Digest } from '../../common/index.js';
import { decompress } from './decompress.js';
import type { CopyOptions } from './layer-writer.js';
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
export function unpackLayer(src: Readable, root: string): Promise<UnpackResult> {
  return unpack(src, root);
}

/**
 * Extracts an archive (plain, gzip or zstd) into an existing directory, as
 * `docker cp` does: through the same checks as a layer (nothing written
 * through a symlink, no `..` out of dir, no device nodes), within the same
 * size limit unless a smaller one is given (uncompressed bytes). What was
 * extracted before a failure stays, as with Docker.
 */
export async function extractArchive(src: Readable, dir: string, copy: CopyOptions, maxBytes = maxLayerBytes): Promise<void> {
  await unpack(src, dir, copy, maxBytes);
}

async function unpack(src: Readable, root: string, copy?: CopyOptions, maxBytes = maxLayerBytes): Promise<UnpackResult> {
  const job = UnpackJob.start(root, maxBytes, copy);
  const hash = createHash('sha256');
  let tarSize = 0;
  try {
    for await (const chunk of decompress(src)) {
      tarSize += chunk.length;
      if (tarSize > maxBytes) {
        throw new InvalidArgument(`invalid ${copy ? 'archive' : 'layer'}: larger than the limit of ${maxBytes} bytes uncompressed`);
      }
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
