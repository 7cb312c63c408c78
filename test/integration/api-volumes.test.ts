// The volume endpoints of a real daemon: bodies held against the swagger,
// Docker's statuses and messages, containers holding volumes, bad input
// that changes nothing, and volumes that outlive a restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { rawRequest, startDaemon, type TestDaemon } from '../support/daemon.js';
import { makeTar } from '../support/images.js';
import { dockerDefinition } from '../support/schemas.js';

let daemon: TestDaemon;
const volumeDirs = (): Promise<string[]> => readdir(join(daemon.dataRoot, 'volumes'));
const post = (path: string, body: string) => rawRequest(daemon.socketPath, 'POST', path, Buffer.from(body));

function assertValid(definition: string, value: unknown): void {
  const validate = dockerDefinition(definition);
  assert.ok(validate(value), `${definition}: ${JSON.stringify(validate.errors)}`);
}

before(async () => {
  daemon = await startDaemon();
  const tar = await makeTar([{ name: 'bin/', type: 'directory' }, { name: 'bin/app', content: 'x', mode: 0o755 }]);
  await daemon.client.importImage(Readable.from([tar]), { repo: 'app', changes: ['CMD ["/bin/app"]'] }, () => {});
});
after(async () => {
  await daemon?.stop();
});

test('create answers 201 with the volume; list, inspect and a repeated create agree', async () => {
  const reply = await post('/v1.50/volumes/create', JSON.stringify({ Name: 'data', Labels: { app: 'web' }, DriverOpts: {} }));
  assert.equal(reply.status, 201);
  const created = JSON.parse(reply.body) as Record<string, unknown>;
  assertValid('Volume', created);
  assert.deepEqual({ ...created, CreatedAt: '' }, {
    CreatedAt: '',
    Driver: 'local',
    Labels: { app: 'web' },
    Mountpoint: join(daemon.dataRoot, 'volumes', 'data', '_data'),
    Name: 'data',
    Options: {},
    Scope: 'local',
  });
  assert.deepEqual(await daemon.client.inspectVolume('data'), created);
  assert.deepEqual(await daemon.client.createVolume({ Name: 'data', Driver: 'local', DriverOpts: {}, Labels: {} }), created);
  const list = await daemon.client.listVolumes();
  assertValid('VolumeListResponse', list);
  assert.deepEqual(list, { Volumes: [created], Warnings: [] });
  const anonymous = await post('/volumes/create', '{}');
  assert.equal(anonymous.status, 201);
  const anon = JSON.parse(anonymous.body) as { Name: string; Labels: Record<string, string> };
  assert.match(anon.Name, /^[0-9a-f]{64}$/);
  assert.deepEqual(anon.Labels, { 'com.docker.volume.anonymous': '' });
  await daemon.client.removeVolume(anon.Name);
});

test('unknown volumes are 404 "get NAME: no such volume"; delete answers 204, with force even for a missing one', async () => {
  const missing = await rawRequest(daemon.socketPath, 'GET', '/v1.50/volumes/nope');
  assert.deepEqual([missing.status, JSON.parse(missing.body)], [404, { message: 'get nope: no such volume' }]);
  const del = await rawRequest(daemon.socketPath, 'DELETE', '/v1.50/volumes/nope');
  assert.deepEqual([del.status, JSON.parse(del.body)], [404, { message: 'get nope: no such volume' }]);
  assert.equal((await rawRequest(daemon.socketPath, 'DELETE', '/v1.50/volumes/nope?force=1')).status, 204);
  await daemon.client.createVolume({ Name: 'short-lived', Driver: '', DriverOpts: {}, Labels: {} });
  const gone = await rawRequest(daemon.socketPath, 'DELETE', '/v1.50/volumes/short-lived');
  assert.deepEqual([gone.status, gone.body], [204, '']);
  assert.ok(!(await volumeDirs()).includes('short-lived'));
});

test('bad create bodies are 400 with a clear message and change nothing', async () => {
  const before = await volumeDirs();
  const cases: [string, string, number][] = [
    ['{"Name": "x1", "Nmae": "typo"}', 'json: unknown field "Nmae"', 400],
    ['{"Name": 7}', 'json: cannot unmarshal number into Go struct field Name of type string', 400],
    ['{"Labels": {"a": 1}}', 'json: cannot unmarshal number into Go struct field Labels.a of type string', 400],
    ['[]', 'invalid JSON: json: cannot unmarshal into Go value of type volume.CreateOptions', 400],
    ['{"Name": ', 'invalid JSON: Unexpected end of JSON input', 400],
    ['', 'invalid JSON: got EOF while reading request body', 400],
    [`{"Name": "${'a'.repeat(70_000)}"}`, 'request body is larger than 65536 bytes', 400],
    ['{"Name": "bad name"}', 'create bad name: "bad name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path', 400],
    ['{"Name": "x2", "DriverOpts": {"uid": "1"}}', 'create x2: invalid option: "uid"', 400],
    ['{"Name": "x3", "Driver": "rexray"}', 'create x3: error looking up volume plugin rexray: plugin "rexray" not found', 404],
    ['{"Name": "x4", "ClusterVolumeSpec": {}}', 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.', 503],
  ];
  for (const [body, message, status] of cases) {
    const reply = await post('/v1.50/volumes/create', body);
    assert.deepEqual([reply.status, (JSON.parse(reply.body) as { message: string }).message], [status, message], body.slice(0, 40));
  }
  const badFilter = await rawRequest(daemon.socketPath, 'GET', `/v1.50/volumes?filters=${encodeURIComponent('{"until":["1h"]}')}`);
  assert.deepEqual([badFilter.status, JSON.parse(badFilter.body)], [400, { message: "invalid filter 'until'" }]);
  assert.deepEqual(await volumeDirs(), before);
  assert.deepEqual((await daemon.client.listVolumes()).Volumes.map((v) => v.Name), ['data']);
});

test('volumes a container names (mount or bind) are in use: rm is 409, prune and dangling skip them, df counts them', async () => {
  await daemon.client.createVolume({ Name: 'held', Driver: '', DriverOpts: {}, Labels: {} });
  const { Id } = await daemon.client.createContainer({
    Image: 'app',
    HostConfig: { Binds: ['data:/data:ro', '/tmp:/host'], Mounts: [{ Type: 'volume', Source: 'held', Target: '/held' }] },
  });
  for (const name of ['data', 'held']) {
    const reply = await rawRequest(daemon.socketPath, 'DELETE', `/v1.50/volumes/${name}?force=1`);
    assert.deepEqual([reply.status, JSON.parse(reply.body)], [409, { message: `remove ${name}: volume is in use - [${Id}]` }]);
  }
  await daemon.client.createVolume({ Name: 'free', Driver: '', DriverOpts: {}, Labels: {} });
  assert.deepEqual((await daemon.client.listVolumes({ dangling: ['true'] })).Volumes.map((v) => v.Name), ['free']);
  assert.deepEqual((await daemon.client.listVolumes({ dangling: ['false'] })).Volumes.map((v) => v.Name), ['data', 'held']);
  const df = await daemon.client.dataUsage();
  assert.deepEqual(df.Volumes.map((v) => [v.Name, v.UsageData]), [['data', { Size: 0, RefCount: 1 }], ['free', { Size: 0, RefCount: 0 }], ['held', { Size: 0, RefCount: 1 }]]);
  for (const v of df.Volumes) assertValid('Volume', v);
  const pruned = await daemon.client.pruneVolumes({ all: ['true'] });
  assert.deepEqual(pruned, { VolumesDeleted: ['free'], SpaceReclaimed: 0 });
  await daemon.client.removeContainer(Id);
  await daemon.client.removeVolume('held');
});

test('prune takes only anonymous volumes from API 1.42 on, named ones too before', async () => {
  const anon = await daemon.client.createVolume({ Name: '', Driver: '', DriverOpts: {}, Labels: {} });
  await daemon.client.createVolume({ Name: 'named', Driver: '', DriverOpts: {}, Labels: { keep: '1' } });
  const reply = await post('/v1.50/volumes/prune', '');
  assert.equal(reply.status, 200);
  const report = JSON.parse(reply.body) as unknown;
  assert.deepEqual(report, { VolumesDeleted: [anon.Name], SpaceReclaimed: 0 });
  const filtered = await post(`/v1.41/volumes/prune?filters=${encodeURIComponent('{"label!":{"keep":true}}')}`, '');
  assert.deepEqual(JSON.parse(filtered.body), { VolumesDeleted: ['data'], SpaceReclaimed: 0 });
  const old = await post('/v1.41/volumes/prune', '');
  assert.deepEqual(JSON.parse(old.body), { VolumesDeleted: ['named'], SpaceReclaimed: 0 });
  assert.deepEqual(await volumeDirs(), []);
});

test('volumes outlive a restart, and a directory left without its row is removed', async () => {
  const v = await daemon.client.createVolume({ Name: 'durable', Driver: '', DriverOpts: {}, Labels: { a: 'b' } });
  await daemon.kill9();
  await mkdir(join(daemon.dataRoot, 'volumes', 'half-made', '_data'), { recursive: true });
  await daemon.restart();
  assert.deepEqual(await daemon.client.inspectVolume('durable'), v);
  assert.deepEqual(await volumeDirs(), ['durable']);
  await daemon.client.removeVolume('durable');
});
