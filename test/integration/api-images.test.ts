// The image endpoints of a real daemon through the typed client: import,
// list, inspect, tag, history, save, load, remove, prune, with bodies held
// against the swagger and names that hold slashes and colons.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { CaisError, NotFound } from '../../src/common/index.js';
import type { JsonMessage } from '../../src/spec/index.js';
import { rawRequest, startDaemon, type TestDaemon } from '../support/daemon.js';
import { busyboxRootfs, makeTar } from '../support/images.js';
import { dockerDefinition } from '../support/schemas.js';

let daemon: TestDaemon;
let id: string;

before(async () => {
  daemon = await startDaemon();
});
after(async () => {
  await daemon?.stop();
});

async function importTar(tar: Buffer, q: Parameters<TestDaemon['client']['importImage']>[1] = {}): Promise<{ id: string; messages: JsonMessage[] }> {
  const messages: JsonMessage[] = [];
  await daemon.client.importImage(Readable.from([tar]), q, (m) => messages.push(m));
  const last = messages.at(-1)?.status ?? '';
  return { id: last, messages };
}

async function tarNames(stream: Readable): Promise<string[]> {
  const names: string[] = [];
  const ex = extract();
  ex.on('entry', (header, body, next) => {
    names.push(header.name);
    body.resume();
    body.on('end', next);
  });
  const done = new Promise<void>((resolve, reject) => ex.on('finish', () => resolve()).on('error', reject));
  stream.pipe(ex);
  await done;
  return names;
}

function valid(definition: string, value: unknown): void {
  const validate = dockerDefinition(definition);
  assert.ok(validate(value), `${definition}: ${JSON.stringify(validate.errors)}`);
}

test('import streams the archive and ends with the image id', async () => {
  const imported = await importTar(await busyboxRootfs(), { repo: 'bb', tag: 'latest', changes: ['CMD ["/bin/sh"]'], message: 'hello' });
  id = imported.id;
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(imported.messages, [{ status: id }]);
});

test('list and inspect agree, and match the swagger', async () => {
  const list = await daemon.client.listImages({});
  const mine = list.find((i) => i.Id === id);
  assert.ok(mine);
  assert.deepEqual(mine.RepoTags, ['bb:latest']);
  for (const image of list) valid('ImageSummary', image);
  const inspect = await daemon.client.inspectImage('bb');
  valid('ImageInspect', inspect);
  assert.equal(inspect.Id, id);
  assert.deepEqual(inspect.Config.Cmd, ['/bin/sh']);
  assert.equal(inspect.Comment, 'hello');
  const history = await daemon.client.imageHistory('bb:latest');
  for (const item of history) valid('ImageHistoryResponseItem', item);
  assert.equal(history[0]?.Id, id);
});

test('a name with a registry, path and tag routes as one name, raw or encoded', async () => {
  await daemon.client.tagImage('bb', 'localhost:5000/team/bb', 'v1');
  assert.equal((await daemon.client.inspectImage('localhost:5000/team/bb:v1')).Id, id);
  const raw = await rawRequest(daemon.socketPath, 'GET', '/v1.50/images/localhost:5000/team/bb:v1/json');
  assert.equal(raw.status, 200);
  assert.equal(JSON.parse(raw.body).Id, id);
  const byRef = await daemon.client.listImages({ filters: { reference: ['localhost:5000/*/*'] } });
  assert.deepEqual(byRef.map((i) => i.Id), [id]);
  const removed = await daemon.client.removeImage('localhost:5000/team/bb:v1', {});
  assert.deepEqual(removed, [{ Untagged: 'localhost:5000/team/bb:v1' }]);
});

test('unknown names are NotFound, on every route', async () => {
  await assert.rejects(daemon.client.inspectImage('nothere'), NotFound);
  await assert.rejects(daemon.client.imageHistory('nothere'), NotFound);
  await assert.rejects(daemon.client.tagImage('nothere', 'x'), NotFound);
  await assert.rejects(daemon.client.removeImage('nothere', {}), NotFound);
  await assert.rejects(daemon.client.saveImages(['bb', 'nothere']), NotFound);
  const raw = await rawRequest(daemon.socketPath, 'GET', '/images/nothere/json');
  assert.equal(raw.status, 404);
  assert.match(JSON.parse(raw.body).message, /nothere/);
});

test('save then load round-trips the image', async () => {
  const names = await tarNames(await daemon.client.saveImages(['bb']));
  assert.ok(names.includes('manifest.json'), names.join(' '));
  const chunks: Buffer[] = [];
  for await (const c of await daemon.client.saveImages(['bb:latest'])) chunks.push(c as Buffer);
  const archive = Buffer.concat(chunks);
  const deleted = await daemon.client.removeImage('bb', { force: true });
  assert.ok(deleted.some((d) => d.Deleted === id));
  await assert.rejects(daemon.client.inspectImage('bb'), NotFound);
  const messages: JsonMessage[] = [];
  await daemon.client.loadImages(Readable.from([archive]), { quiet: true }, (m) => messages.push(m));
  assert.ok(messages.some((m) => m.stream?.includes('Loaded image: bb:latest')), JSON.stringify(messages));
  assert.equal((await daemon.client.inspectImage('bb')).Id, id);
});

test('bad archives are refused and change nothing', async () => {
  const before = await daemon.client.listImages({ all: true });
  const garbage = Buffer.from('this is not a tar archive at all'.repeat(40));
  await assert.rejects(importTar(garbage, { repo: 'garbage' }), CaisError);
  await assert.rejects(daemon.client.loadImages(Readable.from([garbage]), { quiet: true }, () => {}), CaisError);
  assert.deepEqual(await daemon.client.listImages({ all: true }), before);
});

test('prune removes a dangling image and reports it', async () => {
  const dangling = await importTar(await makeTar([{ name: 'hello.txt', content: 'hello\n' }]));
  const listed = await daemon.client.listImages({ filters: { dangling: ['true'] } });
  assert.deepEqual(listed.map((i) => i.Id), [dangling.id]);
  const pruned = await daemon.client.pruneImages({ dangling: ['true'] });
  assert.ok(pruned.ImagesDeleted?.some((d) => d.Deleted === dangling.id), JSON.stringify(pruned));
  assert.equal(pruned.SpaceReclaimed, 6);
  await assert.rejects(daemon.client.inspectImage(dangling.id), NotFound);
  assert.equal((await daemon.client.inspectImage('bb')).Id, id, 'tagged images stay');
});
