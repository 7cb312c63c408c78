// Docker image references (distribution/reference): parsing, normalising and
// printing them, with Docker's messages. Light: no schemas built at load time.
export {
  familiarMatch,
  familiarName,
  familiarString,
  isNameOnly,
  isNamed,
  parseAnyReference,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  repositoryName,
  tagNameOnly,
  trimNamed,
  tryParseNormalizedNamed,
  withDigest,
  withTag,
  type DigestReference,
  type NamedReference,
} from './reference.js';
export { serverDomain, serverHost } from './server-address.js';
