// A blob's bytes checked as they pass: more bytes than the descriptor's size
// fail at once; at the end the count, and (for a blob read from its first
// byte) the digest, must match, or the stream errors instead of ending. A
// consumer that commits on 'end' therefore never commits a bad blob.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { InvalidArgument, isDigest, type Digest } from '../../common/index.js';

export interface VerifyOptions {
  digest: Digest;
  size: number;
  /** Where the bytes start; the digest is checked only from 0 (the caller checks a resumed blob as a whole). */
  offset?: number;
  /** Who sends the bytes, for the messages: 'the registry', 'the local content'. */
  sender: string;
}

/** A digest's algorithm (sha256 or sha512); InvalidArgument for anything else. */
export function digestAlgorithm(digest: string): 'sha256' | 'sha512' {
  if (!isDigest(digest)) throw new InvalidArgument(`invalid digest: ${JSON.stringify(digest)}`);
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function verifyStream({ digest, size, offset = 0, sender }: VerifyOptions): Transform {
  const algorithm = digestAlgorithm(digest);
  const hash = offset === 0 ? createHash(algorithm) : undefined;
  if (!Number.isSafeInteger(size) || size < 0 || !Number.isSafeInteger(offset) || offset < 0 || offset > size) {
    throw new InvalidArgument(`blob ${digest}: invalid size ${size} or offset ${offset}`);
  }
  const expected = size - offset;
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > expected) {
        done(new InvalidArgument(`blob ${digest}: ${sender} sent more than its ${size} bytes`));
        return;
      }
      hash?.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (seen !== expected) {
        done(new InvalidArgument(`blob ${digest}: ${sender} sent ${offset + seen} of its ${size} bytes`));
        return;
      }
      const got = hash !== undefined ? `${algorithm}:${hash.digest('hex')}` : digest;
      if (got !== digest) {
        done(new InvalidArgument(`blob ${digest}: digest mismatch: ${sender} sent content of digest ${got}`));
        return;
      }
      done();
    },
  });
}
