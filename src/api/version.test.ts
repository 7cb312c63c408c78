import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { checkApiVersion, compareVersions, maxApiVersion, minApiVersion, versionLess } from './version.js';

test('versions compare numerically part by part, as moby', () => {
  assert.equal(compareVersions('1.50', '1.50'), 0);
  assert.equal(compareVersions('1.9', '1.10'), -1);
  assert.equal(compareVersions('1.5', '1.50'), -1);
  assert.equal(compareVersions('2', '1.99'), 1);
  assert.equal(compareVersions('1', '1.0.0'), 0);
  assert.equal(compareVersions('1.24.1', '1.24'), 1);
  assert.ok(versionLess('1.23', '1.24'));
  assert.ok(!versionLess('1.24', '1.24'));
});

test('the served range is 1.24 to 1.50', () => {
  assert.equal(minApiVersion, '1.24');
  assert.equal(maxApiVersion, '1.50');
  for (const v of ['1.24', '1.40', '1.50']) assert.doesNotThrow(() => checkApiVersion(v));
});

test('a version out of range is InvalidArgument with moby\'s wording', () => {
  assert.throws(() => checkApiVersion('1.51'), (err: unknown) => {
    assert.ok(err instanceof InvalidArgument);
    assert.equal(err.message, 'client version 1.51 is too new. Maximum supported API version is 1.50');
    return true;
  });
  assert.throws(() => checkApiVersion('1.23'), (err: unknown) => {
    assert.ok(err instanceof InvalidArgument);
    assert.equal(
      err.message,
      'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version',
    );
    return true;
  });
  assert.throws(() => checkApiVersion('2.0'), InvalidArgument);
});
