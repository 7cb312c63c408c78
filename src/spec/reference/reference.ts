// Image references as Docker reads them: a port of
// github.com/distribution/reference (grammar, Parse, ParseNormalizedNamed,
// ParseAnyReference, familiar names, FamiliarMatch) with its error messages,
// since the docker CLI shows them verbatim. The image store and the CLI both
// parse with it.
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [domain '/'] remote-name
//   tag        := /[\w][\w.-]{0,127}/
import { InvalidArgument } from '../../common/index.js';
import { pathMatch } from './path-match.js';

/** A parsed reference. `domain` is empty only for references parsed without normalisation. */
export interface NamedReference {
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** A bare digest (`sha256:<hex>`, or 64 hex digits taken as sha256), as ParseAnyReference returns. */
export interface DigestReference {
  readonly digest: string;
}

const defaultDomain = 'docker.io';
const legacyDefaultDomain = 'index.docker.io';
const officialRepoPrefix = 'library/';
const defaultTag = 'latest';
const nameTotalLengthMax = 255;

// Longer inputs cannot be valid (path ≤ 255, tag ≤ 128, digest ≤ sha512) and
// would only make the backtracking regular expressions slow.
const inputLengthMax = 1024;

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTagRegexp = new RegExp(`^${tagPat}$`);
const anchoredDigestRegexp = new RegExp(`^${digestPat}$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;

const errNameEmpty = 'repository name must have at least one component';
const errReferenceInvalidFormat = 'invalid reference format';
const errNameContainsUppercase = 'repository name must be lowercase';
const errNameTooLong = `repository name must not be more than ${nameTotalLengthMax} characters`;
const errTagInvalidFormat = 'invalid tag format';
const errDigestInvalidFormat = 'invalid digest format';

// go-digest's registered algorithms and their hex lengths.
const digestAlgorithms: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** go-digest's Digest.Validate, with its messages. */
function validateDigest(s: string): void {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) throw new InvalidArgument('invalid checksum digest format');
  const length = digestAlgorithms[s.slice(0, i)];
  if (length === undefined) {
    if (!anchoredDigestRegexp.test(s)) throw new InvalidArgument('invalid checksum digest format');
    throw new InvalidArgument('unsupported digest algorithm');
  }
  const encoded = s.slice(i + 1);
  if (encoded.length !== length) throw new InvalidArgument('invalid checksum digest length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new InvalidArgument('invalid checksum digest format');
}

/** reference.Parse: a syntactically valid reference, not normalised (a name-less digest is refused). */
export function parseReference(s: string): NamedReference {
  if (s === '') throw new InvalidArgument(errNameEmpty);
  const m = s.length <= inputLengthMax ? referenceRegexp.exec(s) : null;
  if (m === null) {
    const lower = s.toLowerCase();
    if (lower !== s && lower.length <= inputLengthMax && referenceRegexp.test(lower)) {
      throw new InvalidArgument(errNameContainsUppercase);
    }
    throw new InvalidArgument(errReferenceInvalidFormat);
  }
  const name = m[1] ?? '';
  // v0.6.0 (the version docker 28 vendors) limits the whole name, domain included.
  if (name.length > nameTotalLengthMax) throw new InvalidArgument(errNameTooLong);
  const nm = anchoredNameRegexp.exec(name);
  const domain = nm?.[1] ?? '';
  const path = nm ? (nm[2] ?? '') : name;
  const digest = m[3];
  if (digest !== undefined) validateDigest(digest);
  return { domain, path, ...(m[2] !== undefined ? { tag: m[2] } : {}), ...(digest !== undefined ? { digest } : {}) };
}

// splitDockerDomain: the domain of a name, Docker Hub's when none is given.
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [defaultDomain, officialRepoPrefix + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === legacyDefaultDomain) [domain, remote] = [defaultDomain, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [defaultDomain, name];
  if (domain === defaultDomain && !remote.includes('/')) remote = officialRepoPrefix + remote;
  return [domain, remote];
}

/** reference.ParseNormalizedNamed: `busybox` -> docker.io/library/busybox (no default tag added). */
export function parseNormalizedNamed(s: string): NamedReference {
  if (anchoredIdentifierRegexp.test(s)) {
    throw new InvalidArgument(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new InvalidArgument(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const ref = parseReference(`${domain}/${remainder}`);
  if (ref.path === '') throw new InvalidArgument(`reference ${s} has no name`);
  return ref;
}

/** Like parseNormalizedNamed, but undefined for a malformed reference (`<none>:<none>`). */
export function tryParseNormalizedNamed(s: string): NamedReference | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch (err) {
    if (err instanceof InvalidArgument) return undefined;
    throw err;
  }
}

/** reference.ParseAnyReference: a full id or digest, else a normalised name. */
export function parseAnyReference(s: string): NamedReference | DigestReference {
  if (anchoredIdentifierRegexp.test(s)) return { digest: `sha256:${s}` };
  try {
    validateDigest(s);
    return { digest: s };
  } catch {
    return parseNormalizedNamed(s);
  }
}

export function isNamed(ref: NamedReference | DigestReference): ref is NamedReference {
  return 'path' in ref;
}

/** The repository name with its domain: `docker.io/library/busybox`. */
export function repositoryName(ref: NamedReference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

// `name` with the reference's `:tag` and `@digest`, when it has them.
function withSuffixes(name: string, ref: NamedReference): string {
  let s = name;
  if (ref.tag !== undefined) s += `:${ref.tag}`;
  if (ref.digest !== undefined) s += `@${ref.digest}`;
  return s;
}

/** The full string form: `docker.io/library/busybox:latest@sha256:...`. */
export function referenceString(ref: NamedReference): string {
  return withSuffixes(repositoryName(ref), ref);
}

/** FamiliarName: `docker.io/library/busybox` -> `busybox`, `docker.io/me/app` -> `me/app`. */
export function familiarName(ref: NamedReference): string {
  if (ref.domain !== defaultDomain) return repositoryName(ref);
  if (ref.path.startsWith(officialRepoPrefix)) {
    const rest = ref.path.slice(officialRepoPrefix.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** FamiliarString: the familiar name with tag and digest, as docker prints it. */
export function familiarString(ref: NamedReference): string {
  return withSuffixes(familiarName(ref), ref);
}

export function isNameOnly(ref: NamedReference): boolean {
  return ref.tag === undefined && ref.digest === undefined;
}

/** TagNameOnly: adds `:latest` to a bare name. */
export function tagNameOnly(ref: NamedReference): NamedReference {
  return isNameOnly(ref) ? { ...ref, tag: defaultTag } : ref;
}

/** TrimNamed: the repository alone. */
export function trimNamed(ref: NamedReference): NamedReference {
  return { domain: ref.domain, path: ref.path };
}

/** WithTag: the name (and digest, if any) with `tag`. */
export function withTag(ref: NamedReference, tag: string): NamedReference {
  if (!anchoredTagRegexp.test(tag)) throw new InvalidArgument(errTagInvalidFormat);
  return { domain: ref.domain, path: ref.path, tag, ...(ref.digest !== undefined ? { digest: ref.digest } : {}) };
}

/** WithDigest: the name (and tag, if any) with `digest`. */
export function withDigest(ref: NamedReference, digest: string): NamedReference {
  if (!anchoredDigestRegexp.test(digest)) throw new InvalidArgument(errDigestInvalidFormat);
  return { domain: ref.domain, path: ref.path, ...(ref.tag !== undefined ? { tag: ref.tag } : {}), digest };
}

/** FamiliarMatch: a path.Match pattern against the familiar name, then the familiar string. */
export function familiarMatch(pattern: string, ref: NamedReference): boolean {
  return pathMatch(pattern, familiarName(ref)) || pathMatch(pattern, familiarString(ref));
}
