// Validation of everything a request names, before any of it becomes a path:
// repository names (the distribution spec's regex, at most 255 characters as
// distribution allows), tags, digests (sha256 only: uploads are hashed as
// they arrive, so the algorithm must be known up front) and upload ids.
import type { Digest } from '../../common/index.js';
import { RegistryError } from './errors.js';

const component = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const namePattern = new RegExp(`^${component}(?:/${component})*$`);
const maxNameLength = 255;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const sha256Pattern = /^sha256:[a-f0-9]{64}$/;
/** `algorithm:encoded` as the OCI image spec writes a digest, whatever the algorithm. */
const digestFormPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const uploadIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isRepositoryName(name: string): boolean {
  return name.length <= maxNameLength && namePattern.test(name);
}

/** A repository name from a request; NAME_INVALID otherwise (which also refuses `..` and percent escapes). */
export function parseRepositoryName(name: string): string {
  if (!isRepositoryName(name)) throw new RegistryError('NAME_INVALID', `invalid repository name: ${JSON.stringify(name.slice(0, 300))}`);
  return name;
}

export function isTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/** A digest from a request: DIGEST_INVALID when malformed or of an algorithm other than sha256. */
export function parseDigestParam(value: string): Digest {
  if (sha256Pattern.test(value)) return value as Digest;
  const why = digestFormPattern.test(value) ? 'unsupported digest algorithm (only sha256 is supported)' : 'invalid digest';
  throw new RegistryError('DIGEST_INVALID', `${why}: ${JSON.stringify(value.slice(0, 200))}`);
}

export type ManifestReference = { tag: string; digest?: undefined } | { digest: Digest; tag?: undefined };

/** A manifest reference: a digest if it has a colon, else a tag. */
export function parseReference(value: string): ManifestReference {
  if (value.includes(':')) return { digest: parseDigestParam(value) };
  if (!isTag(value)) throw new RegistryError('TAG_INVALID', `invalid tag: ${JSON.stringify(value.slice(0, 200))}`);
  return { tag: value };
}

export function isUploadId(id: string): boolean {
  return uploadIdPattern.test(id);
}
