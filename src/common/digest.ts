// Content digests (`sha256:<64 hex>`), the identity of every blob, layer
// and image. Only sha256 is produced; sha512 digests are accepted where
// the OCI spec allows them to be read.
import { InvalidArgument } from './errors.js';
import { nodeCrypto } from './node-crypto.js';

export type Digest = `${string}:${string}`;

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(value: unknown): value is Digest {
  return typeof value === 'string' && digestPattern.test(value);
}

/** Validates a digest string from outside; throws InvalidArgument. */
export function parseDigest(value: string): Digest {
  if (!isDigest(value)) throw new InvalidArgument(`invalid digest: ${JSON.stringify(value)}`);
  return value;
}

export function sha256Digest(data: Buffer | string): Digest {
  return `sha256:${nodeCrypto().createHash('sha256').update(data).digest('hex')}`;
}

/** The hex part of a digest, e.g. for file names. */
export function digestHex(digest: Digest): string {
  return digest.slice(digest.indexOf(':') + 1);
}

/** OCI chain id: the identity of a layer together with everything below it. */
export function chainId(parent: Digest | null, diffId: Digest): Digest {
  return parent === null ? diffId : sha256Digest(`${parent} ${diffId}`);
}

export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  let parent: Digest | null = null;
  for (const diffId of diffIds) {
    parent = chainId(parent, diffId);
    out.push(parent);
  }
  return out;
}
