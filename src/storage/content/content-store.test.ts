import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InvalidArgument, NotFound, type Digest } from '../../common/index.js';
import { ContentStore } from './content-store.js';

async function tempStore(t: { after(fn: () => Promise<void>): void }): Promise<{ root: string; store: ContentStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-content-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const root = join(dir, 'content');
  const store = new ContentStore(root);
  await store.init();
  return { root, store };
}

function digestOf(data: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): Digest {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

function chunked(data: Buffer, size: number): Readable {
  return Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));
}

const blob = Buffer.from('x'.repeat(100_000) + 'end');

test('ingest stores a verified blob that can be read back', async (t) => {
  const { root, store } = await tempStore(t);
  const digest = digestOf(blob);
  const info = await store.ingest(chunked(blob, 4096), { digest, size: blob.length });
  assert.deepEqual(info, { digest, size: blob.length, created: true });
  assert.ok(store.has(digest));
  assert.deepEqual(store.stat(digest), { digest, size: blob.length });
  assert.equal(store.path(digest), join(root, 'blobs', 'sha256', digest.slice(7)));
  assert.equal(statSync(store.path(digest)).mode & 0o777, 0o644);
  assert.deepEqual(await store.read(digest, blob.length), blob);
  const streamed: Buffer[] = [];
  for await (const chunk of store.createReadStream(digest)) streamed.push(chunk as Buffer);
  assert.deepEqual(Buffer.concat(streamed), blob);
  assert.deepEqual(await store.list(), [digest]);
  assert.deepEqual(readdirSync(join(root, 'ingest')), []);
});

test('without an expected digest the sha256 is computed; sha512 is verified with sha512', async (t) => {
  const { store } = await tempStore(t);
  assert.equal((await store.ingest(blob)).digest, digestOf(blob));
  const sha512 = digestOf(blob, 'sha512');
  assert.deepEqual(await store.ingest(Buffer.from(blob), { digest: sha512 }), { digest: sha512, size: blob.length, created: true });
  assert.ok(store.has(sha512));
  assert.deepEqual((await store.list()).sort(), [digestOf(blob), sha512].sort());
});

test('a digest or size mismatch leaves no file', async (t) => {
  const { root, store } = await tempStore(t);
  const wrong = digestOf(Buffer.from('other'));
  await assert.rejects(store.ingest(chunked(blob, 1000), { digest: wrong }), (err: Error) => err instanceof InvalidArgument && /digest mismatch/.test(err.message));
  await assert.rejects(store.ingest(blob, { size: blob.length + 1 }), /size mismatch/);
  await assert.rejects(store.ingest(chunked(blob, 1000), { size: 10 }), /size mismatch/);
  await assert.rejects(store.ingest(blob, { maxBytes: 1000 }), /larger than the limit/);
  assert.deepEqual(readdirSync(join(root, 'ingest')), []);
  assert.deepEqual(await store.list(), []);
  assert.ok(!store.has(wrong));
});

test('a failing source stream removes the temporary file and passes its error on', async (t) => {
  const { root, store } = await tempStore(t);
  const failure = new Error('connection reset');
  async function* source() {
    yield blob.subarray(0, 5000);
    throw failure;
  }
  await assert.rejects(store.ingest(Readable.from(source())), (err) => err === failure);
  assert.deepEqual(readdirSync(join(root, 'ingest')), []);
});

test('concurrent ingests of the same blob store it once', async (t) => {
  const { root, store } = await tempStore(t);
  const digest = digestOf(blob);
  const results = await Promise.all(Array.from({ length: 5 }, () => store.ingest(chunked(blob, 777), { digest })));
  assert.ok(results.every((result) => result.digest === digest && result.size === blob.length));
  assert.ok(results.some((result) => result.created));
  assert.deepEqual(await store.read(digest, Infinity), blob);
  assert.deepEqual(readdirSync(join(root, 'ingest')), []);
  assert.equal((await store.ingest(blob)).created, false);
});

test('read limits, missing blobs, delete and init', async (t) => {
  const { root, store } = await tempStore(t);
  const { digest } = await store.ingest(blob);
  await assert.rejects(store.read(digest, 10), InvalidArgument);
  for (const bad of ['sha256:../../../etc/passwd', 'md5:abc', `sha256:${'A'.repeat(64)}`]) {
    assert.throws(() => store.path(bad as Digest), InvalidArgument);
  }
  const missing = digestOf(Buffer.from('missing'));
  await assert.rejects(store.read(missing, 10), NotFound);
  assert.throws(() => store.createReadStream(missing), NotFound);
  assert.equal(store.stat(missing), undefined);
  await store.delete(digest);
  await store.delete(digest);
  assert.ok(!store.has(digest));

  const kept = await store.ingest(Buffer.from('kept'));
  writeFileSync(join(root, 'ingest', 'leftover'), 'half a blob');
  await store.init();
  assert.deepEqual(readdirSync(join(root, 'ingest')), []);
  assert.deepEqual(await store.list(), [kept.digest]);
});
