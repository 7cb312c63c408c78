// node:crypto, loaded on first use: it takes some 5 ms to load, and the CLI,
// which imports this folder for its errors, never hashes nor makes ids.
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let loaded: Crypto | undefined;

export function nodeCrypto(): Crypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return loaded;
}
