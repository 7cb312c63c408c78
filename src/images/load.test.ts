// Loading hostile and broken archives, OCI layouts, sharing of layers,
// interop with skopeo, and recovery at startup.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidArgument, sha256Digest } from '../common/index.js';
import { MediaType } from '../spec/index.js';
import { body, dockerArchive, makeTar, ociLayout, openStore, readAll, rootfs, snapshot, type TestStore } from './test-fixtures.js';

const noop = (): void => undefined;

describe('broken and hostile archives leave the store as it was', () => {
  let store: TestStore;
  let state: string;
  before(async () => {
    store = await openStore();
    const { tar } = await dockerArchive([{ layers: [await rootfs('existing')], repoTags: ['existing:1'] }]);
    await store.images.load(body(tar), {}, noop);
    state = await snapshot(store);
  });
  after(() => store.close());

  const refused = async (name: string, tar: Buffer): Promise<void> => {
    await assert.rejects(store.images.load(body(tar), {}, noop), InvalidArgument, name);
    assert.equal(await snapshot(store), state, name);
  };

  test('corrupt, truncated and empty archives', async () => {
    const { tar } = await dockerArchive([{ layers: [await rootfs('a'), await rootfs('b')], repoTags: ['a:1'] }]);
    await refused('truncated tar', tar.subarray(0, tar.length - 2048 - 700));
    const gz = gzipSync(tar);
    await refused('truncated gzip', gz.subarray(0, gz.length - 12));
    const corrupt = Buffer.from(tar);
    corrupt.fill(0x41, 600, 1100);
    await refused('corrupt header', corrupt);
    await refused('no manifest', await makeTar([{ name: 'hello.txt', content: 'hi' }]));
    await refused('null manifest', await makeTar([{ name: 'manifest.json', content: 'null' }]));
    await refused('bad json', await makeTar([{ name: 'manifest.json', content: '[{' }]));
  });

  test('a blob that does not match its name, a wrong config, a wrong diff id', async () => {
    const layer = await rootfs('c');
    const { tar: wrongBlob } = await dockerArchive([{ layers: [layer], repoTags: ['c:1'] }], (entries) => {
      const blob = entries.find((e) => e.name === `blobs/sha256/${sha256Digest(layer).slice(7)}`)!;
      blob.content = Buffer.concat([layer.subarray(0, layer.length - 1), Buffer.from('x')]);
    });
    await refused('blob digest mismatch', wrongBlob);
    const { tar: wrongDiff } = await dockerArchive([{ layers: [layer], repoTags: ['c:1'], config: { rootfs: { type: 'layers', diff_ids: [sha256Digest('other')] } } }]);
    await refused('diff id mismatch', wrongDiff);
    const { tar: missing } = await dockerArchive([{ layers: [layer], repoTags: ['c:1'] }], (entries) => {
      const manifest = entries.find((e) => e.name === 'manifest.json')!;
      manifest.content = String(manifest.content).replace(/"Config":"blobs\/sha256\/[a-f0-9]+"/, `"Config":"blobs/sha256/${'0'.repeat(64)}"`);
    });
    await refused('config missing', missing);
    const { tar: badTag } = await dockerArchive([{ layers: [layer], repoTags: ['Bad:1'] }]);
    await refused('invalid reference', badTag);
    const { tar: escape } = await dockerArchive([{ layers: [layer], repoTags: ['c:1'] }], (entries) => {
      entries.push({ name: '../../escape.txt', content: 'x' });
    });
    await refused('path outside the archive', escape);
    const { tar: linkOut } = await dockerArchive([{ layers: [layer], repoTags: ['c:1'] }], (entries) => {
      const manifest = entries.find((e) => e.name === 'manifest.json')!;
      manifest.content = String(manifest.content).replace(/"Layers":\["[^"]+"\]/, '"Layers":["evil/layer.tar"]');
      entries.push({ name: 'evil/layer.tar', type: 'symlink', linkname: '../../../../etc/passwd' });
    });
    await refused('symlink out of the archive', linkOut);
    assert.ok(!existsSync(join(store.root, 'escape.txt')));
  });

  test('OCI layouts: unknown media type, missing blob, wrong size', async () => {
    const layer = await rootfs('d');
    await refused('unknown layer media type', (await ociLayout([{ layers: [layer], layerMediaType: 'application/x-unknown' }])).tar);
    const { tar } = await ociLayout([{ layers: [layer] }]);
    const entries = await listTar(tar);
    const withoutLayer = entries.filter((e) => e.name !== `blobs/sha256/${sha256Digest(gzipSync(layer)).slice(7)}`);
    await refused('missing layer blob', await makeTar(withoutLayer));
    const index = entries.find((e) => e.name === 'index.json')!;
    index.content = Buffer.from(String(index.content).replace(/"size":(\d+)/, (_m, n: string) => `"size":${Number(n) + 1}`));
    await refused('wrong size', await makeTar(entries));
  });

  test('bad layer contents: a corrupt layer tar, bzip2', async () => {
    const garbage = Buffer.concat([(await rootfs('e')).subarray(0, 1024), Buffer.alloc(100, 0x41)]);
    await refused('corrupt layer', (await dockerArchive([{ layers: [garbage], repoTags: ['e:1'] }])).tar);
    await refused('bzip2 archive', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(100)]));
  });
});

async function listTar(tar: Buffer): Promise<{ name: string; content: Buffer }[]> {
  const { extract } = await import('tar-stream');
  const ex = extract();
  const out: { name: string; content: Buffer }[] = [];
  const done = (async () => {
    for await (const entry of ex) out.push({ name: entry.header.name, content: await readAll(entry as unknown as AsyncIterable<Buffer>) });
  })();
  ex.end(tar);
  await done;
  return out;
}

describe('OCI layouts, sharing, interop, recovery', () => {
  let store: TestStore;
  let work: string;
  before(async () => {
    store = await openStore();
    work = await mkdtemp(join(tmpdir(), 'cais-images-work-'));
  });
  after(async () => {
    await store.close();
    await rm(work, { recursive: true, force: true });
  });

  test('an OCI layout loads with names from annotations', async () => {
    const { tar, built } = await ociLayout([
      { layers: [await rootfs('o1')], annotations: { 'io.containerd.image.name': 'docker.io/library/oci:1', 'org.opencontainers.image.ref.name': '1' } },
      { layers: [await rootfs('o2')], annotations: { 'org.opencontainers.image.ref.name': 'example.com/oci/two:2' } },
      { layers: [await rootfs('o3')], annotations: { 'org.opencontainers.image.ref.name': 'latest' } },
    ]);
    const lines: string[] = [];
    await store.images.load(body(tar), {}, (m) => m.stream && lines.push(m.stream));
    assert.deepEqual(lines, [
      'Loaded image: oci:1\n', 'Loaded image: example.com/oci/two:2\n',
      ...built.map((b) => `Loaded image ID: ${b.id}\n`),
    ]);
    assert.equal((await store.images.inspect('oci:1')).Id, built[0]!.id);
    assert.equal((await store.images.inspect(built[2]!.id)).RepoTags.length, 0);
  });

  test('twenty images sharing a base layer store it once', async () => {
    const base = await rootfs('big-base', [{ name: 'big.bin', content: Buffer.alloc(1 << 20, 7) }]);
    const images = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => ({ layers: [base, await rootfs(`leaf${i}`)], repoTags: [`leaf:${i}`] })),
    );
    const { tar } = await dockerArchive(images);
    await store.images.load(body(tar), {}, noop);
    const du = Number(execFileSync('du', ['-sb', join(store.root, 'layers')], { encoding: 'utf8' }).split('\t')[0]);
    assert.ok(du < 2 * (1 << 20), `layers take ${du} bytes`);
    assert.equal((await readdir(join(store.root, 'layers'))).filter((n) => /^[a-f0-9]{64}$/.test(n)).length >= 21, true);
    const list = await store.images.list({ sharedSize: true, filters: { reference: ['leaf'] } });
    assert.equal(list.length, 20);
    assert.ok(list.every((i) => i.SharedSize >= 1 << 20));
  });

  test('skopeo reads a saved archive', { skip: !existsSync('/usr/bin/skopeo') }, async () => {
    const file = join(work, 'saved.tar');
    await writeFile(file, await readAll(await store.images.save(['leaf:3', 'oci:1'])));
    const out = JSON.parse(execFileSync('skopeo', ['inspect', '--raw', `docker-archive:${file}:leaf:3`], { encoding: 'utf8' })) as {
      layers: { digest: string }[];
    };
    assert.equal(out.layers.length, 2);
    execFileSync('skopeo', ['copy', '-q', `docker-archive:${file}:oci:1`, `oci-archive:${join(work, 'oci.tar')}:copied:1`]);
    const copied = join(work, 'oci.tar');
    assert.ok((await stat(copied)).size > 0);
    // and cais loads what skopeo wrote (skopeo may rewrite the config when it converts formats)
    const other = await openStore();
    try {
      await other.images.load((await import('node:fs')).createReadStream(copied), {}, noop);
      assert.deepEqual((await other.images.inspect('copied:1')).RootFS, (await store.images.inspect('oci:1')).RootFS);
    } finally {
      await other.close();
    }
  });

  test('init() removes what a crash left behind', async () => {
    const orphanBlob = await store.content.ingest(Buffer.from('orphan'));
    const tar = await rootfs('orphan-layer');
    const unpacked = await store.layers.unpack(body(tar));
    await store.layers.commit(unpacked, null);
    assert.ok(store.layers.get(sha256Digest(tar)));
    const reopened = await store.reopen();
    store = reopened;
    assert.equal(store.content.has(orphanBlob.digest), false);
    assert.equal(store.layers.get(sha256Digest(tar)), undefined);
    assert.ok((await store.images.inspect('leaf:1')).Id);
    assert.equal((await store.images.inspect('leaf:1')).GraphDriver.Data.LowerDir !== undefined, true);
    void MediaType;
  });
});

describe('the hostile-tar corpus, imported and loaded as layers', () => {
  let store: TestStore;
  let outside: string;
  before(async () => {
    store = await openStore();
    outside = await mkdtemp(join(tmpdir(), 'cais-outside-'));
  });
  after(async () => {
    await store.close();
    await rm(outside, { recursive: true, force: true });
  });

  test('refused ones change nothing; contained ones stay inside; nothing lands outside', async () => {
    const { hostileTars } = await import('../../test/support/hostile-tars.js');
    const initial = await snapshot(store);
    for (const hostile of hostileTars(outside)) {
      for (const how of ['import', 'load'] as const) {
        const run = async (): Promise<string> => {
          if (how === 'import') return store.images.import(body(hostile.data), { repo: 'hostile' });
          const { tar, built } = await dockerArchive([{ layers: [hostile.data], repoTags: ['hostile:latest'] }]);
          await store.images.load(body(tar), {}, noop);
          return built[0]!.id;
        };
        if (hostile.contained === undefined) {
          await assert.rejects(run(), InvalidArgument, `${hostile.name} (${how})`);
        } else {
          const id = await run();
          await store.images.remove(id, { force: true });
        }
        assert.equal(await snapshot(store), initial, `${hostile.name} (${how})`);
        assert.deepEqual(await readdir(outside), [], `${hostile.name} (${how})`);
      }
    }
  });
});
