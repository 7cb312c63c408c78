// Pull and push on the image side, against a repository kept in memory (the
// protocol is src/registry's, tested against real registries there): the
// platform chosen from an index, layers already present, what is recorded,
// and a store left as it was when a blob or a manifest is wrong.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { InvalidArgument, NotFound, sha256Digest, type Digest } from '../common/index.js';
import { MediaType, parseNormalizedNamed, type JsonMessage } from '../spec/index.js';
import { hostPlatform } from './platform.js';
import type { ImageDestination } from './push.js';
import type { FetchedManifest, ImageSource } from './pull.js';
import { imageConfig, openStore, rootfs, snapshot, type TestStore } from './test-fixtures.js';

/** A repository in memory: blobs by digest, manifests by digest and by tag. */
class MemoryRepository implements ImageSource, ImageDestination {
  readonly blobs = new Map<Digest, Buffer>();
  readonly manifests = new Map<string, { bytes: Buffer; mediaType: string }>();
  /** Bytes served instead of a blob's own (a hostile registry). */
  readonly tampered = new Map<Digest, Buffer>();
  uploads = 0;

  put(bytes: Buffer): { digest: Digest; size: number } {
    const digest = sha256Digest(bytes);
    this.blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  }

  putDocument(doc: object, mediaType: string, tag?: string): { digest: Digest; size: number; mediaType: string } {
    const bytes = Buffer.from(JSON.stringify(doc));
    const digest = sha256Digest(bytes);
    this.manifests.set(digest, { bytes, mediaType });
    if (tag !== undefined) this.manifests.set(tag, { bytes, mediaType });
    return { digest, size: bytes.length, mediaType };
  }

  async manifest(reference: string): Promise<FetchedManifest> {
    const m = this.manifests.get(reference);
    if (m === undefined) throw new NotFound('manifest unknown');
    return { ...m, digest: sha256Digest(m.bytes) };
  }

  async blob(desc: { digest: Digest; size: number }): Promise<Readable> {
    const bytes = this.tampered.get(desc.digest) ?? this.blobs.get(desc.digest);
    if (bytes === undefined) throw new NotFound('blob unknown');
    return Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]);
  }

  async hasBlob(digest: Digest): Promise<boolean> {
    return this.blobs.has(digest);
  }

  async mountBlob(): Promise<boolean> {
    return false;
  }

  async pushBlob(desc: { digest: Digest; size: number }, open: () => Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of open()) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    assert.equal(sha256Digest(bytes), desc.digest);
    this.blobs.set(desc.digest, bytes);
    this.uploads++;
  }

  async putManifest(reference: string, bytes: Buffer, mediaType: string): Promise<Digest> {
    this.manifests.set(reference, { bytes, mediaType });
    this.manifests.set(sha256Digest(bytes), { bytes, mediaType });
    return sha256Digest(bytes);
  }
}

/** An image of two gzip layers, published under `tag` as an index of it and an arm image. */
async function publish(repo: MemoryRepository, tag: string, name: string): Promise<{ id: Digest; manifest: Digest; index: Digest }> {
  const layers = [await rootfs(`${name}-base`), await rootfs(`${name}-top`)];
  const built = imageConfig({ layers, config: { architecture: hostPlatform().architecture } });
  const config = { mediaType: MediaType.ociConfig, ...repo.put(built.config) };
  const manifest = repo.putDocument(
    { schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: layers.map((l) => ({ mediaType: MediaType.ociLayerGzip, ...repo.put(gzipSync(l)) })) },
    MediaType.ociManifest,
  );
  const other = repo.putDocument({ schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: [] }, MediaType.ociManifest);
  const index = repo.putDocument(
    {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [
        { ...other, platform: { os: 'linux', architecture: 'riscv64' } },
        { ...manifest, platform: hostPlatform() },
      ],
    },
    MediaType.ociIndex,
    tag,
  );
  return { id: built.id, manifest: manifest.digest, index: index.digest };
}

describe('pull', () => {
  let store: TestStore;
  let repo: MemoryRepository;
  let published: { id: Digest; manifest: Digest; index: Digest };
  const ref = parseNormalizedNamed('localhost:5000/team/app:1');

  before(async () => {
    store = await openStore();
    repo = new MemoryRepository();
    published = await publish(repo, '1', 'app');
  });
  after(() => store.close());

  test("chooses the host's manifest from an index and records the tag and the index digest", async () => {
    const messages: JsonMessage[] = [];
    const id = await store.images.pull(repo, ref, {}, (m) => messages.push(m));
    assert.equal(id, published.id);
    const image = await store.images.inspect('localhost:5000/team/app:1');
    assert.deepEqual(image.RepoTags, ['localhost:5000/team/app:1']);
    assert.deepEqual(image.RepoDigests, [`localhost:5000/team/app@${published.index}`]);
    const statuses = messages.map((m) => m.status);
    assert.equal(statuses[0], 'Pulling from team/app');
    assert.equal(statuses.filter((s) => s === 'Pull complete').length, 2);
    assert.deepEqual(statuses.slice(-2), [`Digest: ${published.index}`, 'Status: Downloaded newer image for localhost:5000/team/app:1']);
  });

  test('a second pull fetches no layer and says the image is up to date', async () => {
    const messages: JsonMessage[] = [];
    await store.images.pull(repo, ref, {}, (m) => messages.push(m));
    const statuses = messages.map((m) => m.status);
    assert.equal(statuses.filter((s) => s === 'Already exists').length, 2);
    assert.ok(!statuses.includes('Pulling fs layer'));
    assert.equal(statuses.at(-1), 'Status: Image is up to date for localhost:5000/team/app:1');
  });

  test('by digest: the digest is recorded and no tag', async () => {
    const byDigest = parseNormalizedNamed(`localhost:5000/other@${published.manifest}`);
    repo.manifests.set(published.manifest, repo.manifests.get(published.manifest)!);
    await store.images.pull(repo, byDigest, {}, () => undefined);
    const image = await store.images.inspect(`localhost:5000/other@${published.manifest}`);
    assert.ok(image.RepoDigests.includes(`localhost:5000/other@${published.manifest}`));
    assert.ok(!image.RepoTags.some((t) => t.startsWith('localhost:5000/other')));
  });

  test('bad input leaves the store as it was', async () => {
    const hostile = new MemoryRepository();
    const { manifest } = await publish(hostile, 'x', 'hostile');
    const state = await snapshot(store);
    const name = parseNormalizedNamed('localhost:5000/hostile:x');

    await assert.rejects(store.images.pull(hostile, name, { platform: 'linux/s390x' }, () => undefined), (err: unknown) => {
      assert.ok(err instanceof NotFound);
      assert.equal(err.message, 'no matching manifest for linux/s390x in the manifest list entries');
      return true;
    });

    // a layer whose bytes are not its digest's
    const layers = JSON.parse(hostile.manifests.get(manifest)!.bytes.toString()) as { layers: { digest: Digest }[] };
    hostile.tampered.set(layers.layers[1]!.digest, gzipSync(await rootfs('evil')));
    await assert.rejects(store.images.pull(hostile, name, {}, () => undefined), InvalidArgument);
    assert.equal(await snapshot(store), state);
    hostile.tampered.clear();

    // a manifest whose config names a diff id its layer does not have
    const evil = imageConfig({ layers: [await rootfs('one'), await rootfs('two')] });
    const config = { mediaType: MediaType.ociConfig, ...hostile.put(evil.config) };
    hostile.putDocument({ schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: layers.layers.map((l) => ({ ...l, mediaType: MediaType.ociLayerGzip, size: hostile.blobs.get(l.digest)!.length })) }, MediaType.ociManifest, 'x');
    await assert.rejects(store.images.pull(hostile, name, {}, () => undefined), /invalid diffID/);

    // not a manifest at all
    hostile.putDocument({ schemaVersion: 2, layers: 'no' }, MediaType.ociManifest, 'x');
    await assert.rejects(store.images.pull(hostile, name, {}, () => undefined), InvalidArgument);
    assert.equal(await snapshot(store), state);
  });
});

describe('push', () => {
  let store: TestStore;
  let published: { manifest: Digest };

  before(async () => {
    store = await openStore();
    const source = new MemoryRepository();
    published = await publish(source, '1', 'pushed');
    await store.images.pull(source, parseNormalizedNamed('localhost:5000/pushed:1'), {}, () => undefined);
  });
  after(() => store.close());

  test('sends the blobs and the manifest as stored, then only what the registry lacks', async () => {
    const dest = new MemoryRepository();
    const messages: JsonMessage[] = [];
    const ref = parseNormalizedNamed('localhost:5000/pushed:1');
    const result = await store.images.push(dest, ref, {}, (m) => messages.push(m));
    // the manifest as pulled: the registry gets the same digest
    assert.equal(result.digest, published.manifest);
    assert.deepEqual(dest.manifests.get('1')?.bytes, dest.manifests.get(published.manifest)?.bytes);
    assert.equal(dest.uploads, 3); // two layers and the config
    assert.equal(messages.filter((m) => m.status === 'Pushed').length, 2);
    assert.equal(messages.at(-2)?.status, `1: digest: ${result.digest} size: ${result.size}`);
    assert.deepEqual(messages.at(-1)?.aux, { Tag: '1', Digest: result.digest, Size: result.size });

    const again: JsonMessage[] = [];
    await store.images.push(dest, ref, {}, (m) => again.push(m));
    assert.equal(dest.uploads, 3);
    assert.equal(again.filter((m) => m.status === 'Layer already exists').length, 2);
  });

  test('a tag the store does not have is refused in Docker\'s words', async () => {
    await assert.rejects(store.images.push(new MemoryRepository(), parseNormalizedNamed('localhost:5000/none:1'), {}, () => undefined), {
      message: 'An image does not exist locally with the tag: localhost:5000/none',
    });
  });
});
