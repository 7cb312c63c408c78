// The lists: GET /v2/<name>/tags/list, GET /v2/_catalog (both paginated)
// and GET /v2/<name>/referrers/<digest> (an OCI index of the manifests
// whose subject is that digest, filtered by ?artifactType=).
import type { Digest } from '../../../common/index.js';
import { MediaType } from '../../../spec/oci/index.js';
import { RegistryError } from '../errors.js';
import { sendJson } from '../http.js';
import { paginate } from '../pagination.js';
import type { RequestContext } from './context.js';

export async function listTags(ctx: RequestContext, name: string): Promise<void> {
  const tags = await ctx.storage.tags(name);
  if (tags === undefined) throw new RegistryError('NAME_UNKNOWN', `repository name not known to registry: ${name}`, { detail: { name } });
  const page = paginate(tags, ctx.query, `/v2/${name}/tags/list`);
  sendJson(ctx.res, 200, { name, tags: page.entries }, page.link ? { Link: page.link } : {}, ctx.head);
}

export async function listRepositories(ctx: RequestContext): Promise<void> {
  const page = paginate(await ctx.storage.repositories(), ctx.query, '/v2/_catalog');
  sendJson(ctx.res, 200, { repositories: page.entries }, page.link ? { Link: page.link } : {}, ctx.head);
}

export async function listReferrers(ctx: RequestContext, name: string, subject: Digest): Promise<void> {
  const artifactType = ctx.query.get('artifactType');
  let manifests = await ctx.storage.referrers(name, subject);
  const headers: Record<string, string> = { 'Content-Type': MediaType.ociIndex };
  if (artifactType !== null) {
    manifests = manifests.filter((m) => m.artifactType === artifactType);
    headers['OCI-Filters-Applied'] = 'artifactType';
  }
  sendJson(ctx.res, 200, { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }, headers, ctx.head);
}
