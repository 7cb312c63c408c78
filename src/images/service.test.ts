// ImageService against real stores in temporary data roots (run as root):
// import, list, inspect, history, tag, save, load, rmi, prune and filters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { Conflict, InvalidArgument, NotFound, sha256Digest } from '../common/index.js';
import type { JsonMessage } from '../spec/index.js';
import { body, dockerArchive, openStore, readAll, rootfs, snapshot, type TestStore } from './test-fixtures.js';

describe('import, list, inspect, history, tag', () => {
  let store: TestStore;
  before(async () => {
    store = await openStore();
  });
  after(() => store.close());

  test('imports a plain tar with changes, tag and message', async () => {
    const tar = await rootfs('one');
    const id = await store.images.import(body(tar), {
      repo: 'example/one',
      tag: 'v1',
      changes: ['CMD ["/bin/sh"]', 'ENV A=1', 'LABEL team=core'],
      message: 'first import',
    });
    const [summary] = await store.images.list({ filters: { reference: ['example/one'] } });
    assert.equal(summary?.Id, id);
    assert.deepEqual(summary?.RepoTags, ['example/one:v1']);
    assert.deepEqual(summary?.Labels, { team: 'core' });
    assert.ok(summary!.Size > 0);

    const info = await store.images.inspect('example/one:v1');
    assert.equal(info.Id, id);
    assert.deepEqual(info.Config.Cmd, ['/bin/sh']);
    assert.deepEqual(info.Config.Env, ['A=1']);
    assert.equal(info.Comment, 'first import');
    assert.equal(info.Os, 'linux');
    assert.deepEqual(info.RootFS.Layers, [sha256Digest(tar)]);
    assert.equal(info.GraphDriver.Name, 'overlay2');
    assert.equal(info.GraphDriver.Data.UpperDir, store.layers.diffPath(sha256Digest(tar)));

    const history = await store.images.history(id.slice(7, 19));
    assert.equal(history.length, 1);
    assert.equal(history[0]?.Id, id);
    assert.equal(history[0]?.Comment, 'first import');
    assert.deepEqual(history[0]?.Tags, ['example/one:v1']);
    assert.equal(history[0]?.Size, summary?.Size);
  });

  test('imports a gzip body; the layer blob is stored as received', async () => {
    const tar = await rootfs('two');
    const gz = gzipSync(tar);
    const id = await store.images.import(body(gz), { repo: 'two' });
    const info = await store.images.inspect('two');
    assert.equal(info.Id, id);
    assert.deepEqual(info.RootFS.Layers, [sha256Digest(tar)]);
    assert.ok(store.content.has(sha256Digest(gz)));
    assert.equal(info.Comment, 'Imported from -');
  });

  test('resolution: full id, short id, digest, NotFound in Docker form', async () => {
    const [img] = await store.images.list({ filters: { reference: ['two'] } });
    const id = img!.Id;
    for (const name of [id, id.slice(7), id.slice(7, 19), 'two', 'two:latest', 'docker.io/library/two:latest']) {
      assert.equal((await store.images.inspect(name)).Id, id, name);
    }
    await assert.rejects(store.images.inspect('nope'), (e: unknown) => e instanceof NotFound && e.message === 'No such image: nope:latest');
    await assert.rejects(store.images.inspect(`sha256:${'0'.repeat(64)}`), { message: `No such image: sha256:${'0'.repeat(64)}` });
    await assert.rejects(store.images.inspect('Bad'), InvalidArgument);
  });

  test('tag: repo with tag, separate tag, moving a tag', async () => {
    await store.images.tag('two', 'localhost:5000/a/b:t');
    await store.images.tag('two', 'other', 'x');
    const info = await store.images.inspect('two');
    // sorted by full name, as Docker's reference store sorts them
    assert.deepEqual(info.RepoTags, ['other:x', 'two:latest', 'localhost:5000/a/b:t']);
    await store.images.tag('example/one:v1', 'other:x');
    assert.deepEqual((await store.images.inspect('two')).RepoTags, ['two:latest', 'localhost:5000/a/b:t']);
    await assert.rejects(store.images.tag('two', 'sha256', 'x'), /ambiguous tag/);
    await assert.rejects(store.images.tag('two', 'UPPER'), /must be lowercase/);
    await assert.rejects(store.images.tag('missing', 'x'), NotFound);
  });

  test('refused imports change nothing', async () => {
    const beforeState = await snapshot(store);
    const tar = await rootfs('three');
    await assert.rejects(store.images.import(body(tar), { repo: 'Bad' }), InvalidArgument);
    await assert.rejects(store.images.import(body(tar), { changes: ['RUN x'] }), { message: 'run is not a valid change command' });
    await assert.rejects(store.images.import(body(tar), { platform: 'windows' }), InvalidArgument);
    await assert.rejects(store.images.import(body(Buffer.concat([Buffer.from('BZh91AY&SY'), tar]))), /bzip2/);
    await assert.rejects(store.images.import(body(gzipSync(tar).subarray(0, 100))), InvalidArgument);
    await assert.rejects(store.images.import(body(Buffer.from('this is not a tar archive at all'.repeat(40)))), InvalidArgument);
    assert.equal(await snapshot(store), beforeState);
  });
});

describe('save and load', () => {
  let a: TestStore;
  let b: TestStore;
  before(async () => {
    a = await openStore();
    b = await openStore();
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  test('a saved archive loads with the same ids and tags; shared blobs once', async () => {
    const base = await rootfs('base');
    const top = await rootfs('top');
    const { tar } = await dockerArchive([
      { layers: [base], repoTags: ['base:1'] },
      { layers: [base, top], repoTags: ['app:1', 'app:2'], gzip: true },
    ]);
    const messages: JsonMessage[] = [];
    await a.images.load(body(tar), { quiet: false }, (m) => messages.push(m));
    assert.deepEqual(
      messages.filter((m) => m.stream).map((m) => m.stream),
      ['Loaded image: base:1\n', 'Loaded image: app:1\n', 'Loaded image: app:2\n'],
    );
    const saved = await readAll(await a.images.save(['base:1', 'app']));
    const loaded: JsonMessage[] = [];
    await b.images.load(body(saved), { quiet: true }, (m) => loaded.push(m));
    const ids = async (s: TestStore) => (await s.images.list()).map((i) => [i.Id, i.RepoTags.join(',')]).sort();
    assert.deepEqual(await ids(b), await ids(a));
    const app = await b.images.inspect('app:2');
    assert.equal(app.RootFS.Layers.length, 2);
    assert.equal(app.Size, (await a.images.inspect('app:1')).Size);
    // loading again moves nothing and stores nothing new
    const state = await snapshot(b);
    await b.images.load(body(saved), { quiet: true }, () => undefined);
    assert.equal(await snapshot(b), state);
  });

  test('save refuses unknown names before writing anything', async () => {
    await assert.rejects(a.images.save(['base:1', 'nope:1']), NotFound);
    await assert.rejects(a.images.save(['nope']), NotFound);
  });

  test('a moved tag is reported as Docker does', async () => {
    const { tar, built } = await dockerArchive([{ layers: [await rootfs('other')], repoTags: ['base:1'] }]);
    const old = (await a.images.inspect('base:1')).Id;
    const messages: string[] = [];
    await a.images.load(body(tar), {}, (m) => m.stream && messages.push(m.stream));
    assert.deepEqual(messages, [
      `The image base:1 already exists, renaming the old one with ID ${old} to empty string\n`,
      'Loaded image: base:1\n',
    ]);
    assert.equal((await a.images.inspect('base:1')).Id, built[0]!.id);
  });
});

describe('rmi and prune', () => {
  let store: TestStore;
  before(async () => {
    store = await openStore();
  });
  after(() => store.close());

  test('untag while other tags remain, then delete with layers not shared', async () => {
    const base = await rootfs('base');
    const { tar, built } = await dockerArchive([
      { layers: [base], repoTags: ['base:1'] },
      { layers: [base, await rootfs('x')], repoTags: ['x:1', 'x:2'] },
    ]);
    await store.images.load(body(tar), {}, () => undefined);
    assert.deepEqual(await store.images.remove('x:1'), [{ Untagged: 'x:1' }]);
    const removed = await store.images.remove('x:2');
    const top = sha256Digest(`${built[1]!.diffIds[0]} ${built[1]!.diffIds[1]}`);
    assert.deepEqual(removed, [{ Untagged: 'x:2' }, { Deleted: built[1]!.id }, { Deleted: top }]);
    assert.ok(store.layers.get(built[0]!.diffIds[0]!), 'the shared base layer stays');
  });

  test('by id with tags in several repositories needs force', async () => {
    const id = (await store.images.inspect('base:1')).Id;
    await store.images.tag('base:1', 'other:1');
    await assert.rejects(store.images.remove(id.slice(7, 19)), (e: unknown) =>
      e instanceof Conflict && e.message === `conflict: unable to delete ${id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
    );
    const records = await store.images.remove(id.slice(7, 19), { force: true });
    assert.deepEqual(records.slice(0, 3), [{ Untagged: 'base:1' }, { Untagged: 'other:1' }, { Deleted: id }]);
    assert.equal((await store.images.list({ all: true })).length, 0);
    assert.equal(store.layers.list().length, 0);
    assert.deepEqual(await store.content.list(), []);
  });

  test('prune removes dangling images; -a removes the rest', async () => {
    const { tar } = await dockerArchive([
      { layers: [await rootfs('p1')], repoTags: ['keep:1'], config: { config: { Labels: { keep: 'yes' } } } },
      { layers: [await rootfs('p2')], repoTags: ['dangle:1'] },
    ]);
    await store.images.load(body(tar), {}, () => undefined);
    await store.images.tag('keep:1', 'dangle:1'); // dangle's image loses its only tag
    const dangling = await store.images.list({ filters: { dangling: ['true'] } });
    assert.equal(dangling.length, 1);
    const pruned = await store.images.prune();
    assert.equal(pruned.ImagesDeleted?.[0]?.Deleted, dangling[0]!.Id);
    assert.ok(pruned.SpaceReclaimed > 0);
    assert.equal((await store.images.list()).length, 1);
    const none = await store.images.prune({ filters: { dangling: ['false'], 'label!': ['keep=yes'] } });
    assert.equal(none.ImagesDeleted, null);
    const all = await store.images.prune({ filters: { dangling: ['false'] } });
    assert.deepEqual(all.ImagesDeleted?.filter((d) => d.Untagged).map((d) => d.Untagged).sort(), ['dangle:1', 'keep:1']);
    assert.equal((await store.images.list({ all: true })).length, 0);
    await assert.rejects(store.images.prune({ filters: { bogus: ['1'] } }), { message: "invalid filter 'bogus'" });
  });

  test('an image with a child cannot be deleted', async () => {
    const base = await rootfs('parent');
    const history = [{ created: '2024-01-01T00:00:00Z', created_by: 'base' }];
    const parentImg = { layers: [base], config: { history } };
    const { built } = await dockerArchive([parentImg]);
    const { tar } = await dockerArchive([parentImg, {
      layers: [base, await rootfs('child')],
      repoTags: ['child:1'],
      config: { history: [...history, { created: '2024-01-02T00:00:00Z', created_by: 'child' }] },
    }], (entries) => {
      const manifest = entries.find((e) => e.name === 'manifest.json')!;
      const items = JSON.parse(String(manifest.content)) as { Parent?: string }[];
      items[1]!.Parent = built[0]!.id;
      manifest.content = JSON.stringify(items);
    });
    await store.images.load(body(tar), {}, () => undefined);
    const parentId = built[0]!.id;
    assert.equal((await store.images.inspect('child:1')).Parent, parentId);
    assert.equal((await store.images.list()).length, 1, 'the untagged parent is an intermediate image');
    assert.equal((await store.images.list({ all: true })).length, 2);
    await assert.rejects(store.images.remove(parentId, { force: true }), { message: `conflict: unable to delete ${parentId.slice(7, 19)} (cannot be forced) - image has dependent child images` });
    const history2 = await store.images.history('child:1');
    assert.deepEqual(history2.map((h) => h.Id), [(await store.images.inspect('child:1')).Id, parentId]);
    const records = await store.images.remove('child:1');
    assert.ok(records.some((r) => r.Deleted === parentId), 'the parent is pruned with its child');
  });
});

describe('list filters', () => {
  let store: TestStore;
  before(async () => {
    store = await openStore();
    const { tar } = await dockerArchive([
      { layers: [await rootfs('f1')], repoTags: ['busybox:1', 'me/app:dev'], config: { created: '2024-01-01T00:00:00Z', config: { Labels: { a: '1' } } } },
      { layers: [await rootfs('f2')], repoTags: ['busybox:2'], config: { created: '2024-02-01T00:00:00Z', config: { Labels: { a: '2', b: '' } } } },
      { layers: [await rootfs('f3')], repoTags: ['alpine:3'], config: { created: '2024-03-01T00:00:00Z' } },
    ]);
    await store.images.load(body(tar), {}, () => undefined);
  });
  after(() => store.close());

  const tags = async (filters: Record<string, string[]>) => (await store.images.list({ filters })).map((i) => i.RepoTags.join(','));

  test('newest first, reference globs on familiar names', async () => {
    assert.deepEqual(await tags({}), ['alpine:3', 'busybox:2', 'busybox:1,me/app:dev']);
    assert.deepEqual(await tags({ reference: ['busy*'] }), ['busybox:2', 'busybox:1']);
    assert.deepEqual(await tags({ reference: ['*:dev'] }), [], '* does not match a slash');
    assert.deepEqual(await tags({ reference: ['me/*:dev'] }), ['me/app:dev']);
    assert.deepEqual(await tags({ reference: ['me/*'] }), ['me/app:dev']);
  });

  test('label, before, since, until, dangling', async () => {
    assert.deepEqual(await tags({ label: ['a'] }), ['busybox:2', 'busybox:1,me/app:dev']);
    assert.deepEqual(await tags({ label: ['a=2', 'b'] }), ['busybox:2']);
    assert.deepEqual(await tags({ before: ['busybox:2'] }), ['busybox:1,me/app:dev']);
    assert.deepEqual(await tags({ since: ['busybox:2'] }), ['alpine:3']);
    assert.deepEqual(await tags({ until: ['2024-01-15T00:00:00Z'] }), ['busybox:1,me/app:dev']);
    assert.deepEqual(await tags({ dangling: ['true'] }), []);
    await assert.rejects(store.images.list({ filters: { nope: ['x'] } }), { message: "invalid filter 'nope'" });
    await assert.rejects(store.images.list({ filters: { before: ['missing'] } }), NotFound);
  });

  test('shared size and data usage', async () => {
    const list = await store.images.list({ sharedSize: true });
    assert.ok(list.every((i) => i.SharedSize === 0));
    const usage = await store.images.dataUsage();
    assert.equal(usage.LayersSize, list.reduce((s, i) => s + i.Size, 0));
    assert.ok(usage.Images.every((i) => i.Containers === 0));
  });
});
