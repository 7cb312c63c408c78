// A blob's bytes checked as they pass: more bytes than the descriptor's size
// fail at once, and at the end the count and the sha256 must
// match, or the stream errors instead of ending, so a consumer that commits
// on 'end' never commits a bad blob.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { InvalidArgument, type Digest } from '../../common/index.js';

export function verifyBlob(desc: { digest: Digest; size: number }): Transform {
  if (!desc.digest.startsWith('sha256:')) throw new InvalidArgument(`unsupported digest algorithm: ${desc.digest}`);
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > desc.size) {
        done(new InvalidArgument(`blob ${desc.digest}: the registry sent more than its ${desc.size} bytes`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (seen !== desc.size) {
        done(new InvalidArgument(`blob ${desc.digest}: the registry sent ${seen} of its ${desc.size} bytes`));
        return;
      }
      const got = `sha256:${hash.digest('hex')}`;
      if (got !== desc.digest) {
        done(new InvalidArgument(`blob ${desc.digest}: digest mismatch: the registry sent ${got}`));
        return;
      }
      done();
    },
  });
}
