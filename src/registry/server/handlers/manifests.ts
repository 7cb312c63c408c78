// GET, HEAD, PUT and DELETE /v2/<name>/manifests/<tag-or-digest>. A PUT is
// checked whole before anything is stored: at most 4 MiB, valid JSON of a
// supported media type, the digest it is pushed by, and every blob and
// child manifest it references present in the repository.
import { readFile } from 'node:fs/promises';
import type { Digest } from '../../../common/index.js';
import { RegistryError } from '../errors.js';
import { readBody, sendEmpty } from '../http.js';
import { parseManifest } from '../manifests.js';
import type { ManifestReference } from '../names.js';
import type { StoredManifest } from '../storage.js';
import type { RequestContext } from './context.js';

export const maxManifestBytes = 4 << 20;

function manifestUnknown(reference: ManifestReference): RegistryError {
  const what = reference.digest ?? reference.tag;
  return new RegistryError('MANIFEST_UNKNOWN', `manifest unknown: ${what}`, { detail: reference.tag !== undefined ? { Tag: reference.tag } : { digest: what } });
}

async function findManifest(ctx: RequestContext, name: string, reference: ManifestReference): Promise<StoredManifest> {
  const digest = reference.digest ?? (await ctx.storage.resolveTag(name, reference.tag));
  const found = digest === undefined ? undefined : await ctx.storage.getManifest(name, digest);
  if (found === undefined) throw manifestUnknown(reference);
  return found;
}

export async function getManifest(ctx: RequestContext, name: string, reference: ManifestReference): Promise<void> {
  const manifest = await findManifest(ctx, name, reference);
  const etag = `"${manifest.digest}"`;
  const headers = { 'Content-Type': manifest.mediaType, 'Docker-Content-Digest': manifest.digest, ETag: etag };
  if (ctx.req.headers['if-none-match'] === etag) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  const body = ctx.head ? undefined : await readFile(manifest.path);
  ctx.res.writeHead(200, { ...headers, 'Content-Length': manifest.size });
  ctx.res.end(body);
}

async function missingReferences(ctx: RequestContext, name: string, blobs: Digest[], manifests: Digest[]): Promise<Digest[]> {
  const missing: Digest[] = [];
  for (const digest of new Set(blobs)) if ((await ctx.storage.repositoryBlobSize(name, digest)) === undefined) missing.push(digest);
  for (const digest of new Set(manifests)) if ((await ctx.storage.getManifest(name, digest)) === undefined) missing.push(digest);
  return missing;
}

export async function putManifest(ctx: RequestContext, name: string, reference: ManifestReference): Promise<void> {
  const body = await readBody(ctx.req, maxManifestBytes, 'MANIFEST_INVALID');
  const parsed = parseManifest(body, ctx.req.headers['content-type']);
  const { digest } = parsed.descriptor;
  if (reference.digest !== undefined && reference.digest !== digest) {
    throw new RegistryError('DIGEST_INVALID', `manifest pushed as ${reference.digest} has digest ${digest}`, { detail: { digest: reference.digest } });
  }
  const missing = await missingReferences(ctx, name, parsed.blobs, parsed.manifests);
  if (missing.length > 0) {
    throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `manifest references blobs or manifests unknown to the repository: ${missing.join(', ')}`, {
      detail: missing.map((d) => ({ digest: d })),
    });
  }
  await ctx.storage.putManifest(name, body, parsed.descriptor, parsed.subject, reference.tag);
  const headers: Record<string, string> = { Location: `/v2/${name}/manifests/${digest}`, 'Docker-Content-Digest': digest };
  if (parsed.subject !== undefined) headers['OCI-Subject'] = parsed.subject;
  sendEmpty(ctx.res, 201, headers);
}

/** The subject a stored manifest names, to drop its referrer entry with it. */
async function subjectOf(manifest: StoredManifest): Promise<Digest | undefined> {
  try {
    const json = JSON.parse(await readFile(manifest.path, 'utf8')) as { subject?: { digest?: unknown } };
    const digest = json.subject?.digest;
    return typeof digest === 'string' && /^sha256:[a-f0-9]{64}$/.test(digest) ? (digest as Digest) : undefined;
  } catch {
    return undefined;
  }
}

/** DELETE by digest removes the manifest and its tags; by tag, the tag alone (as distribution 3). */
export async function deleteManifest(ctx: RequestContext, name: string, reference: ManifestReference): Promise<void> {
  if (reference.tag !== undefined) {
    if (!(await ctx.storage.deleteTag(name, reference.tag))) throw manifestUnknown(reference);
    return sendEmpty(ctx.res, 202);
  }
  const manifest = await findManifest(ctx, name, reference);
  if (!(await ctx.storage.deleteManifest(name, manifest.digest, await subjectOf(manifest)))) throw manifestUnknown(reference);
  sendEmpty(ctx.res, 202);
}
