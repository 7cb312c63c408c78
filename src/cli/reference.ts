// Image references as the docker CLI parses them before calling the daemon
// (github.com/distribution/reference): normalization ("busybox" is
// docker.io/library/busybox), the familiar form it prints back, and its
// error messages.
import { StatusError } from './errors.js';

export interface Reference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

const defaultDomain = 'docker.io';
const legacyDefaultDomain = 'index.docker.io';
const officialRepoPrefix = 'library/';
const nameTotalLengthMax = 255;

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domain = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const namePattern = new RegExp(`^(?:(${domain})/)?(${pathComponent}(?:/${pathComponent})*)$`);
const anchoredIdentifier = /^[a-f0-9]{64}$/;

/** distribution/reference's error, reported by docker as is. */
export class ReferenceError extends StatusError {}

function splitDockerDomain(s: string): [string, string] {
  const i = s.indexOf('/');
  let dom: string;
  let remainder: string;
  const first = s.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    dom = defaultDomain;
    remainder = s;
  } else {
    dom = first;
    remainder = s.slice(i + 1);
  }
  if (dom === legacyDefaultDomain) dom = defaultDomain;
  if (dom === defaultDomain && !remainder.includes('/')) remainder = officialRepoPrefix + remainder;
  return [dom, remainder];
}

/** reference.Parse: a full reference, not normalized. */
function parseReference(s: string): Reference {
  const m = referencePattern.exec(s);
  if (!m) {
    if (s === '') throw new ReferenceError('repository name must have at least one component');
    if (referencePattern.test(s.toLowerCase())) throw new ReferenceError('repository name must be lowercase');
    throw new ReferenceError('invalid reference format');
  }
  const full = m[1] as string;
  if (full.length > nameTotalLengthMax) {
    throw new ReferenceError(`repository name must not be more than ${nameTotalLengthMax} characters`);
  }
  const parts = namePattern.exec(full) as RegExpExecArray;
  const ref: Reference = { domain: parts[1] ?? '', path: parts[2] as string };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return ref;
}

/** reference.ParseNormalizedNamed: "busybox" -> docker.io/library/busybox. */
export function parseNormalizedNamed(s: string): Reference {
  if (anchoredIdentifier.test(s)) {
    throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [dom, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new ReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  return parseReference(`${dom}/${remainder}`);
}

/** The full name, "docker.io/library/busybox". */
export function referenceName(ref: Reference): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

/** reference.FamiliarName: "busybox" for docker.io/library/busybox. */
export function familiarName(ref: Reference): string {
  if (ref.domain !== defaultDomain) return referenceName(ref);
  if (ref.path.startsWith(officialRepoPrefix)) {
    const rest = ref.path.slice(officialRepoPrefix.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** Like parseNormalizedNamed, but undefined instead of an error. */
export function tryParseNormalizedNamed(s: string): Reference | undefined {
  try {
    return parseNormalizedNamed(s);
  } catch (err) {
    if (err instanceof ReferenceError) return undefined;
    throw err;
  }
}
