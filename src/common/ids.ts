import { nodeCrypto } from './node-crypto.js';

/** A random 64-hex-digit id, like Docker's container and exec ids. */
export function randomId(): string {
  return nodeCrypto().randomBytes(32).toString('hex');
}

/** The 12-digit short form Docker prints (of an id or a digest's hex). */
export function shortId(id: string): string {
  const hex = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return hex.slice(0, 12);
}
