import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from './errors.js';
import { isRepositoryName, isUploadId, parseDigestParam, parseReference, parseRepositoryName } from './names.js';

const hex = 'a'.repeat(64);

test('repository names follow the distribution spec', () => {
  for (const ok of ['a', 'library/busybox', 'a.b_c__d---e/f0', 'x/y/z']) assert.equal(isRepositoryName(ok), true, ok);
  for (const bad of ['', 'A', '../x', 'a/../b', '%2e%2e/x', 'a//b', '/a', 'a/', '_a', 'a_', 'a___b', 'a:b', `${'a'.repeat(256)}`]) {
    assert.equal(isRepositoryName(bad), false, bad);
  }
  assert.throws(() => parseRepositoryName('a/%2e%2e'), (e: unknown) => e instanceof RegistryError && e.code === 'NAME_INVALID');
});

test('digests are sha256 only; other algorithms are unsupported, garbage invalid', () => {
  assert.equal(parseDigestParam(`sha256:${hex}`), `sha256:${hex}`);
  assert.throws(() => parseDigestParam(`sha512:${'a'.repeat(128)}`), /unsupported digest algorithm/);
  assert.throws(() => parseDigestParam('sha256:../../etc/passwd'), /invalid digest/);
  assert.throws(() => parseDigestParam(`sha256:${'A'.repeat(64)}`), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_INVALID');
});

test('references are tags or digests', () => {
  assert.deepEqual(parseReference('v1.0_rc-1'), { tag: 'v1.0_rc-1' });
  assert.deepEqual(parseReference(`sha256:${hex}`), { digest: `sha256:${hex}` });
  assert.throws(() => parseReference('.hidden'), (e: unknown) => e instanceof RegistryError && e.code === 'TAG_INVALID');
  assert.throws(() => parseReference('a'.repeat(129)), RegistryError);
  assert.throws(() => parseReference('sha256:short'), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_INVALID');
});

test('upload ids are lowercase uuids', () => {
  assert.equal(isUploadId('0f8fad5b-d9cb-469f-a165-70867728950e'), true);
  assert.equal(isUploadId('../../etc'), false);
  assert.equal(isUploadId('0F8FAD5B-D9CB-469F-A165-70867728950E'), false);
});
