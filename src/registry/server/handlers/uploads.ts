// Blob uploads: POST /v2/<name>/blobs/uploads/ (a session; monolithic with
// ?digest=; a cross-repository mount with ?mount=&from=), PATCH (a chunk),
// PUT ?digest= (the last chunk and the commit), GET (the session's
// progress) and DELETE (cancel) of /v2/<name>/blobs/uploads/<id>.
import type { Digest } from '../../../common/index.js';
import { RegistryError } from '../errors.js';
import { chunkRange, contentLength, hasBody, sendEmpty } from '../http.js';
import { isRepositoryName, parseDigestParam } from '../names.js';
import type { RequestContext } from './context.js';

function sessionHeaders(name: string, id: string, size: number): Record<string, string> {
  return {
    Location: `/v2/${name}/blobs/uploads/${id}`,
    // What the session holds, inclusive; distribution answers 0-0 for none.
    Range: `0-${Math.max(size - 1, 0)}`,
    'Docker-Upload-UUID': id,
  };
}

function sendCreated(ctx: RequestContext, name: string, digest: Digest): void {
  sendEmpty(ctx.res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
}

function requiredDigest(query: URLSearchParams): Digest {
  const digest = query.get('digest');
  if (digest === null) throw new RegistryError('DIGEST_INVALID', 'digest missing');
  return parseDigestParam(digest);
}

/** Links a blob of `from` into `name` if the caller may read it there; false to fall back to an upload. */
async function mount(ctx: RequestContext, name: string, digestParam: string, from: string): Promise<Digest | undefined> {
  if (!isRepositoryName(from) || !ctx.grant.allows({ type: 'repository', name: from, action: 'pull' })) return undefined;
  let digest: Digest;
  try {
    digest = parseDigestParam(digestParam);
  } catch {
    return undefined;
  }
  if ((await ctx.storage.repositoryBlobSize(from, digest)) === undefined) return undefined;
  await ctx.storage.linkBlob(name, digest);
  return digest;
}

export async function startUpload(ctx: RequestContext, name: string): Promise<void> {
  const mountDigest = ctx.query.get('mount');
  const from = ctx.query.get('from');
  if (mountDigest !== null && from !== null) {
    const mounted = await mount(ctx, name, mountDigest, from);
    if (mounted !== undefined) return sendCreated(ctx, name, mounted);
  }
  if (ctx.query.has('digest')) {
    const digest = requiredDigest(ctx.query);
    const id = await ctx.uploads.start(name);
    try {
      await ctx.uploads.complete(name, id, digest, ctx.req);
    } catch (err) {
      await ctx.uploads.cancel(name, id).catch(() => {});
      throw err;
    }
    return sendCreated(ctx, name, digest);
  }
  const id = await ctx.uploads.start(name);
  sendEmpty(ctx.res, 202, sessionHeaders(name, id, 0));
}

export async function uploadStatus(ctx: RequestContext, name: string, id: string): Promise<void> {
  sendEmpty(ctx.res, 204, sessionHeaders(name, id, await ctx.uploads.size(name, id)));
}

export async function patchUpload(ctx: RequestContext, name: string, id: string): Promise<void> {
  const range = chunkRange(ctx.req.headers['content-range']);
  const length = contentLength(ctx.req);
  if (range !== undefined && length !== undefined && length !== range.end - range.start + 1) {
    throw new RegistryError('SIZE_INVALID', `Content-Length ${length} does not match Content-Range ${range.start}-${range.end}`);
  }
  const size = await ctx.uploads.append(name, id, ctx.req, range);
  sendEmpty(ctx.res, 202, sessionHeaders(name, id, size));
}

export async function finishUpload(ctx: RequestContext, name: string, id: string): Promise<void> {
  const digest = requiredDigest(ctx.query);
  await ctx.uploads.complete(name, id, digest, hasBody(ctx.req) ? ctx.req : undefined);
  sendCreated(ctx, name, digest);
}

export async function cancelUpload(ctx: RequestContext, name: string, id: string): Promise<void> {
  await ctx.uploads.cancel(name, id);
  sendEmpty(ctx.res, 204);
}
