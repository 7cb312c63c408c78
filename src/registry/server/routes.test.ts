import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryError } from './errors.js';
import { matchRoute } from './routes.js';

const digest = `sha256:${'b'.repeat(64)}`;
const code = (path: string): string | undefined => {
  try {
    matchRoute(path);
    return undefined;
  } catch (err) {
    return err instanceof RegistryError ? err.code : 'other';
  }
};

test('paths map to routes with validated parts', () => {
  assert.deepEqual(matchRoute('/v2/'), { kind: 'base' });
  assert.deepEqual(matchRoute('/v2/_catalog'), { kind: 'catalog' });
  assert.deepEqual(matchRoute('/v2/a/b/tags/list'), { kind: 'tags', name: 'a/b' });
  assert.deepEqual(matchRoute('/v2/a/manifests/latest'), { kind: 'manifest', name: 'a', reference: { tag: 'latest' } });
  assert.deepEqual(matchRoute(`/v2/a/manifests/${digest}`), { kind: 'manifest', name: 'a', reference: { digest } });
  assert.deepEqual(matchRoute(`/v2/a/blobs/${digest}`), { kind: 'blob', name: 'a', digest });
  assert.deepEqual(matchRoute(`/v2/a/blobs/${digest.replace(':', '%3A')}`), { kind: 'blob', name: 'a', digest });
  assert.deepEqual(matchRoute('/v2/a/blobs/uploads/'), { kind: 'uploads', name: 'a' });
  assert.deepEqual(matchRoute('/v2/a/blobs/uploads/x-y'), { kind: 'upload', name: 'a', id: 'x-y' });
  assert.deepEqual(matchRoute(`/v2/a/referrers/${digest}`), { kind: 'referrers', name: 'a', digest });
  // A repository may hold a component named like an endpoint.
  assert.deepEqual(matchRoute(`/v2/x/blobs/y/blobs/${digest}`), { kind: 'blob', name: 'x/blobs/y', digest });
  assert.equal(matchRoute('/v1/_ping'), undefined);
});

test('traversal and bad parts are refused by name', () => {
  assert.equal(code(`/v2/../etc/blobs/${digest}`), 'NAME_INVALID');
  assert.equal(code(`/v2/a/%2e%2e/b/blobs/${digest}`), 'NAME_INVALID');
  assert.equal(code(`/v2/a/%2E%2E/manifests/latest`), 'NAME_INVALID');
  assert.equal(code('/v2/a%ZZ/tags/list'), 'NAME_INVALID');
  assert.equal(code('/v2/a/blobs/sha256:..%2f..%2fetc'), 'DIGEST_INVALID');
  assert.equal(code('/v2/a/manifests/..'), 'TAG_INVALID');
});
