// Holds the zod validators against the official OCI image-spec schemas:
// documents the official schema accepts are accepted, and the ones it
// refuses are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ociSchema } from '../../../test/support/schemas.js';
import { imageConfigSchema, indexSchema, manifestSchema, parseDocument } from './image.js';
import { InvalidArgument } from '../../common/index.js';

const d1 = `sha256:${'a'.repeat(64)}`;
const d2 = `sha256:${'b'.repeat(64)}`;

const manifest = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d1, size: 120 },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d2, size: 3000, annotations: { a: 'b' } }],
};
const index = {
  schemaVersion: 2,
  manifests: [{ mediaType: manifest.mediaType, digest: d1, size: 400, platform: { architecture: 'amd64', os: 'linux' } }],
  annotations: { 'org.opencontainers.image.ref.name': 'latest' },
};
const config = {
  created: '2026-01-02T03:04:05.123456789Z',
  architecture: 'amd64',
  os: 'linux',
  config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'], ExposedPorts: { '80/tcp': {} }, Labels: { a: 'b' } },
  rootfs: { type: 'layers', diff_ids: [d2] },
  history: [{ created: '2026-01-02T03:04:05Z', created_by: 'x', empty_layer: false }],
};

const cases: { name: string; schemaFile: string; parse: (v: unknown) => unknown; valid: unknown[]; invalid: unknown[] }[] = [
  {
    name: 'manifest',
    schemaFile: 'image-manifest-schema.json',
    parse: (v) => parseDocument(manifestSchema, JSON.stringify(v), 'manifest'),
    valid: [manifest],
    invalid: [
      { ...manifest, schemaVersion: 1 },
      { ...manifest, config: { ...manifest.config, digest: 'no-algorithm' } },
      { ...manifest, layers: [{ ...manifest.layers[0], size: -1 }] },
      { ...manifest, config: undefined },
      { ...manifest, layers: [] },
    ],
  },
  {
    name: 'index',
    schemaFile: 'image-index-schema.json',
    parse: (v) => parseDocument(indexSchema, JSON.stringify(v), 'index'),
    valid: [index, { schemaVersion: 2, manifests: [] }],
    invalid: [{ ...index, manifests: undefined }, { ...index, manifests: [{ digest: d1, size: 1 }] }],
  },
  {
    name: 'config',
    schemaFile: 'config-schema.json',
    parse: (v) => parseDocument(imageConfigSchema, JSON.stringify(v), 'config'),
    valid: [config, { architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }],
    invalid: [
      { ...config, rootfs: { type: 'other', diff_ids: [] } },
      { ...config, architecture: undefined },
      { ...config, config: { ...config.config, Env: 'PATH=/bin' } },
    ],
  },
];

for (const c of cases) {
  test(`${c.name}: our validator agrees with the official schema`, () => {
    const official = ociSchema(c.schemaFile);
    for (const doc of c.valid) {
      assert.equal(official(doc), true, `official schema refuses a valid ${c.name}: ${JSON.stringify(official.errors)}`);
      assert.doesNotThrow(() => c.parse(doc));
    }
    for (const doc of c.invalid) {
      assert.equal(official(doc), false, `official schema accepts an invalid ${c.name}: ${JSON.stringify(doc)}`);
      assert.throws(() => c.parse(doc), InvalidArgument);
    }
  });
}

test('digests are checked more strictly than the schema pattern, as the spec text requires', () => {
  const doc = { ...manifest, config: { ...manifest.config, digest: 'sha256:short' } };
  assert.equal(ociSchema('image-manifest-schema.json')(doc), true);
  assert.throws(() => parseDocument(manifestSchema, JSON.stringify(doc), 'manifest'), InvalidArgument);
});

test('parseDocument names the document and the place of the error', () => {
  assert.throws(() => parseDocument(manifestSchema, '{', 'manifest.json'), /manifest\.json: invalid JSON/);
  assert.throws(() => parseDocument(manifestSchema, JSON.stringify({ ...manifest, layers: 3 }), 'manifest'), /manifest: invalid document at layers/);
});
