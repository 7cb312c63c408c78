// The registry's URL space: the raw request path (never normalized, so
// `..` and percent escapes reach validation as they were sent) matched to
// a route whose names, digests and references are already validated.
import type { Digest } from '../../common/index.js';
import { RegistryError } from './errors.js';
import { parseDigestParam, parseReference, parseRepositoryName, type ManifestReference } from './names.js';

export type Route =
  | { kind: 'base' }
  | { kind: 'catalog' }
  | { kind: 'token' }
  | { kind: 'tags'; name: string }
  | { kind: 'manifest'; name: string; reference: ManifestReference }
  | { kind: 'blob'; name: string; digest: Digest }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; id: string }
  | { kind: 'referrers'; name: string; digest: Digest };

/** A path segment as sent, decoded; NAME_INVALID for a broken escape. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RegistryError('NAME_INVALID', `invalid escape in ${JSON.stringify(segment.slice(0, 200))}`);
  }
}

// Greedy name groups: a repository may itself have a component called "blobs".
const patterns: [RegExp, (name: string, rest: string) => Route][] = [
  [/^\/v2\/(.+)\/tags\/list$/, (name) => ({ kind: 'tags', name })],
  [/^\/v2\/(.+)\/manifests\/([^/]+)$/, (name, ref) => ({ kind: 'manifest', name, reference: parseReference(decode(ref)) })],
  [/^\/v2\/(.+)\/blobs\/uploads\/?$/, (name) => ({ kind: 'uploads', name })],
  [/^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, (name, id) => ({ kind: 'upload', name, id: decode(id) })],
  [/^\/v2\/(.+)\/blobs\/([^/]+)$/, (name, digest) => ({ kind: 'blob', name, digest: parseDigestParam(decode(digest)) })],
  [/^\/v2\/(.+)\/referrers\/([^/]+)$/, (name, digest) => ({ kind: 'referrers', name, digest: parseDigestParam(decode(digest)) })],
];

/** The route of a raw path (without its query); undefined when none matches. */
export function matchRoute(path: string): Route | undefined {
  if (path === '/v2' || path === '/v2/') return { kind: 'base' };
  if (path === '/v2/_catalog') return { kind: 'catalog' };
  if (path === '/token') return { kind: 'token' };
  for (const [pattern, make] of patterns) {
    const m = pattern.exec(path);
    if (m === null) continue;
    // The name first: a bad one is NAME_INVALID whatever follows.
    const name = parseRepositoryName(decode(m[1] as string));
    return make(name, m[2] ?? '');
  }
  return undefined;
}
