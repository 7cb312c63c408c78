// `docker tag`: Docker's RepoTagReference (the repo parameter may carry a
// tag; a separate tag replaces it) and TagImage (a tag moves freely).
import { InvalidArgument, type Digest } from '../common/index.js';
import type { ImageContext } from './context.js';
import { familiarName, parseNormalizedNamed, tagNameOnly, withTag, type NamedReference } from '../spec/index.js';

/** httputils.RepoTagReference: a tagged reference, or undefined when repo is empty. */
export function repoTagReference(repo: string | undefined, tag: string | undefined): NamedReference | undefined {
  if (repo === undefined || repo === '') return undefined;
  const ref = parseNormalizedNamed(repo);
  if (ref.digest !== undefined) throw new InvalidArgument('cannot import digest reference');
  return tag !== undefined && tag !== '' ? withTag(ref, tag) : tagNameOnly(ref);
}

export function checkTaggable(ref: NamedReference): void {
  if (familiarName(ref) === 'sha256') {
    throw new InvalidArgument('refusing to create an ambiguous tag using digest algorithm as name');
  }
}

export function tagImage(ctx: ImageContext, source: string, repo: string, tag?: string): Promise<void> {
  const ref = repoTagReference(repo, tag);
  if (ref === undefined) throw new InvalidArgument('repository name must have at least one component');
  checkTaggable(ref);
  return ctx.lock.run(async () => {
    const id: Digest = ctx.images.resolve(source).id;
    ctx.images.transaction(() => ctx.images.addReference(ref, id, Date.now()));
  });
}
