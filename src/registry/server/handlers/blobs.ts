// GET, HEAD and DELETE /v2/<name>/blobs/<digest>: a blob the repository
// holds, streamed with its digest as ETag and one byte range when asked
// (clients resume downloads). DELETE unlinks it from the repository; the
// file goes at the next gc when nothing else references it.
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Digest } from '../../../common/index.js';
import { RegistryError } from '../errors.js';
import { byteRange, sendEmpty } from '../http.js';
import type { RequestContext } from './context.js';

function blobUnknown(digest: Digest): RegistryError {
  return new RegistryError('BLOB_UNKNOWN', `blob unknown to registry: ${digest}`, { detail: { digest } });
}

export async function getBlob(ctx: RequestContext, name: string, digest: Digest): Promise<void> {
  if ((await ctx.storage.repositoryBlobSize(name, digest)) === undefined) throw blobUnknown(digest);
  let handle;
  try {
    // Opened before anything is sent: once open, the bytes stay readable even if gc unlinks the file.
    handle = await open(ctx.storage.blobPath(digest), 'r');
  } catch {
    throw blobUnknown(digest);
  }
  try {
    const { size } = await handle.stat();
    const etag = `"${digest}"`;
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Docker-Content-Digest': digest,
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'max-age=31536000',
    };
    if (ctx.req.headers['if-none-match'] === etag) {
      ctx.res.writeHead(304, headers);
      ctx.res.end();
      return;
    }
    const range = byteRange(ctx.req.headers.range, size);
    if (range === 'unsatisfiable') {
      sendEmpty(ctx.res, 416, { 'Content-Range': `bytes */${size}` });
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const partial = range === undefined ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` };
    ctx.res.writeHead(range === undefined ? 200 : 206, { ...headers, ...partial, 'Content-Length': Math.max(end - start + 1, 0) });
    if (ctx.head || size === 0) {
      ctx.res.end();
      return;
    }
    await pipeline(handle.createReadStream({ start, end, autoClose: false }), ctx.res);
  } finally {
    await handle.close();
  }
}

export async function deleteBlob(ctx: RequestContext, name: string, digest: Digest): Promise<void> {
  if (!(await ctx.storage.unlinkBlob(name, digest))) throw blobUnknown(digest);
  sendEmpty(ctx.res, 202, { 'Docker-Content-Digest': digest });
}
