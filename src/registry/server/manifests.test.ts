import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Digest } from '../../common/index.js';
import { RegistryError } from './errors.js';
import { parseManifest } from './manifests.js';

const d = (s: string) => sha256Digest(s);
const oci = 'application/vnd.oci.image.manifest.v1+json';
const index = 'application/vnd.oci.image.index.v1+json';
const descriptor = (mediaType: string, digest: string, extra: object = {}) => ({ mediaType, digest, size: 1, ...extra });
const body = (value: object) => Buffer.from(JSON.stringify(value));
const invalid = (e: unknown) => e instanceof RegistryError && e.code === 'MANIFEST_INVALID';

test('an image manifest references its config and pulled layers', () => {
  const manifest = body({
    schemaVersion: 2,
    mediaType: oci,
    config: descriptor('application/vnd.oci.image.config.v1+json', d('c')),
    layers: [descriptor('application/vnd.oci.image.layer.v1.tar', d('l')), descriptor('application/vnd.oci.image.layer.nondistributable.v1.tar', d('f'), { urls: ['https://x/f'] })],
    subject: descriptor(oci, d('s')),
  });
  const parsed = parseManifest(manifest, 'application/json');
  assert.deepEqual(parsed.blobs, [d('c'), d('l')]);
  assert.deepEqual(parsed.manifests, []);
  assert.equal(parsed.subject, d('s'));
  assert.deepEqual(parsed.descriptor, { mediaType: oci, digest: sha256Digest(manifest), size: manifest.length, artifactType: 'application/vnd.oci.image.config.v1+json' });
});

test('an index references its child manifests; the Content-Type names a document without mediaType', () => {
  const parsed = parseManifest(body({ schemaVersion: 2, manifests: [descriptor(oci, d('m'))], artifactType: 'x/y' }), `${index}; charset=utf-8`);
  assert.equal(parsed.descriptor.mediaType, index);
  assert.equal(parsed.descriptor.artifactType, 'x/y');
  assert.deepEqual(parsed.manifests, [d('m')]);
});

test('media types must be known and agree', () => {
  const manifest = { schemaVersion: 2, config: descriptor('a/b', d('c')), layers: [] };
  assert.throws(() => parseManifest(body(manifest), 'application/json'), invalid);
  assert.throws(() => parseManifest(body({ ...manifest, mediaType: 'application/vnd.docker.distribution.manifest.v1+json' }), undefined), invalid);
  assert.throws(() => parseManifest(body({ ...manifest, mediaType: oci }), index), /does not match/);
  assert.throws(() => parseManifest(body(manifest), 'application/vnd.docker.distribution.manifest.v2+json'), /must have a mediaType/);
  assert.throws(() => parseManifest(Buffer.from('[1,'), oci), invalid);
  assert.throws(() => parseManifest(body({ schemaVersion: 2, mediaType: oci, config: descriptor('a/b', 'sha256:bad'), layers: [] }), oci), invalid);
});
