import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainId, chainIds, digestHex, isDigest, parseDigest, sha256Digest } from './digest.js';
import { InvalidArgument } from './errors.js';

test('sha256Digest matches the known digest of the empty string', () => {
  assert.equal(sha256Digest(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('digests are validated', () => {
  assert.equal(isDigest(`sha256:${'0'.repeat(64)}`), true);
  assert.equal(isDigest(`sha256:${'0'.repeat(63)}`), false);
  assert.equal(isDigest(`sha256:${'A'.repeat(64)}`), false);
  assert.equal(isDigest(`md5:${'0'.repeat(32)}`), false);
  assert.throws(() => parseDigest('sha256:../../etc'), InvalidArgument);
  assert.equal(digestHex(`sha256:${'1'.repeat(64)}`), '1'.repeat(64));
});

test('chain ids follow the OCI definition', () => {
  const a = sha256Digest('a');
  const b = sha256Digest('b');
  assert.equal(chainId(null, a), a);
  assert.equal(chainId(a, b), sha256Digest(`${a} ${b}`));
  assert.deepEqual(chainIds([a, b]), [a, sha256Digest(`${a} ${b}`)]);
});
