// Routing, status mapping and streaming of the API server over a real
// socket, with a small stand-in for the engine (the real daemon is tested
// in test/integration/api-*.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { rawRequest, type RawReply } from '../../test/support/daemon.js';
import { Conflict, InvalidArgument, NotFound, Unauthorized } from '../common/index.js';
import type { Filters, ImageSummary, JsonMessage, SystemVersion } from '../spec/index.js';
import { createApiServer } from './server.js';
import type { ServedEngine } from './served-engine.js';

const version: SystemVersion = {
  Platform: { Name: 'cais' },
  Components: [{ Name: 'Engine', Version: '9.8.7', Details: { GitCommit: 'abc', ApiVersion: 'engine-says' } }, { Name: 'crun', Version: '1' }],
  Version: '9.8.7',
  ApiVersion: 'engine-says',
  MinAPIVersion: 'engine-says',
  GitCommit: 'abc',
  GoVersion: 'node',
  Os: 'linux',
  Arch: 'amd64',
  KernelVersion: '6',
  BuildTime: '',
};

const summary: ImageSummary = {
  Id: 'sha256:aa',
  ParentId: '',
  RepoTags: [],
  RepoDigests: [],
  Created: 1,
  Size: 42,
  SharedSize: -1,
  Labels: {},
  Containers: 3,
  Descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'0'.repeat(64)}`, size: 1 },
};

/** Calls the fake engine saw, by method. */
const calls: Record<string, unknown[]> = {};
function record(name: string, args: unknown): void {
  (calls[name] ??= []).push(args);
}

async function drain(body: Readable): Promise<number> {
  let n = 0;
  for await (const chunk of body) n += (chunk as Buffer).length;
  return n;
}

const engine = {
  version: () => version,
  info: async () => ({ ID: 'fake' }),
  dataUsage: async () => ({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] }),
  images: {
    list: async (o: { filters: Filters }) => {
      record('list', o);
      return [summary];
    },
    inspect: async (name: string) => {
      if (name === 'missing') throw new NotFound(`No such image: ${name}`);
      return { Id: 'sha256:aa', Size: 42, Created: '', Descriptor: summary.Descriptor, RepoTags: [name] };
    },
    history: async (name: string) => [{ Id: name }],
    tag: async (source: string, repo: string, tag: string | undefined) => {
      record('tag', [source, repo, tag]);
      if (repo === 'taken') throw new Conflict('taken');
    },
    remove: async (name: string, o: unknown) => {
      record('remove', [name, o]);
      return [{ Untagged: name }];
    },
    prune: async (o: unknown) => {
      record('prune', o);
      return { ImagesDeleted: null, SpaceReclaimed: 0 };
    },
    import: async (body: Readable, o: Record<string, unknown>) => {
      record('import', o);
      if (o.repo === 'bad') throw new InvalidArgument('invalid reference format');
      const n = await drain(body);
      return `sha256:${n.toString(16).padStart(64, '0')}`;
    },
    load: async (body: Readable, o: { quiet: boolean }, progress: (m: JsonMessage) => void) => {
      record('load', o);
      progress({ status: 'Loading layer' });
      const n = await drain(body);
      if (n === 0) throw new InvalidArgument('empty archive');
      progress({ stream: `Loaded image: x:${n}\n` });
    },
    save: async (names: string[]) => {
      if (names.includes('missing')) throw new NotFound('No such image: missing');
      if (names.includes('breaks')) {
        return new Readable({
          read() {
            this.push(Buffer.alloc(1024));
            this.destroy(new Error('disk on fire'));
          },
        });
      }
      return Readable.from([Buffer.from(`tar of ${names.join(',')}`)]);
    },
  },
  registries: {
    pull: async (req: unknown, progress: (m: JsonMessage) => void) => {
      record('pull', req);
      progress({ status: 'Pulling from library/busybox', id: 'latest' });
    },
    push: async (req: unknown) => {
      record('push', req);
    },
    login: async (auth: { password?: string }) => {
      record('login', auth);
      if (auth.password !== 'right') throw new Unauthorized('login attempt to http://r/v2/ failed with status: 401 Unauthorized');
      return {};
    },
  },
} as unknown as ServedEngine;

let dir: string;
let socketPath: string;
let server: http.Server;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-api-test-'));
  socketPath = join(dir, 'api.sock');
  server = createApiServer(engine) as http.Server;
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const request = (method: string, path: string, body?: Buffer | Readable, headers?: Record<string, string>): Promise<RawReply> =>
  rawRequest(socketPath, method, path, body, headers);

const json = (r: RawReply): unknown => JSON.parse(r.body);

test('GET and HEAD /_ping answer OK with Docker\'s headers, versioned or not', async () => {
  for (const path of ['/_ping', '/v1.50/_ping', '/v1.24/_ping']) {
    const get = await request('GET', path);
    assert.equal(get.status, 200);
    assert.equal(get.body, 'OK');
    const head = await request('HEAD', path);
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    for (const r of [get, head]) {
      assert.equal(r.headers['api-version'], '1.50');
      assert.equal(r.headers['docker-experimental'], 'false');
      assert.equal(r.headers['ostype'], 'linux');
      assert.equal(r.headers['builder-version'], '1');
      assert.equal(r.headers['cache-control'], 'no-cache, no-store, must-revalidate');
      assert.equal(r.headers['pragma'], 'no-cache');
      assert.equal(r.headers['server'], 'cais/9.8.7 (linux)');
      assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
    }
    assert.equal(head.headers['content-length'], '0');
  }
});

test('unknown paths and methods are 404 "page not found", with the common headers', async () => {
  for (const [method, path] of [
    ['GET', '/nope'],
    ['GET', '/v1.50/nope'],
    ['POST', '/_ping'],
    ['HEAD', '/version'],
    ['GET', '/vabc/_ping'],
    ['GET', '/v1.51/nope'],
  ] as const) {
    const r = await request(method, path);
    assert.equal(r.status, 404, `${method} ${path}`);
    if (method !== 'HEAD') assert.deepEqual(json(r), { message: 'page not found' });
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['api-version'], '1.50');
    assert.equal(r.headers['server'], 'cais/9.8.7 (linux)');
  }
});

test('a version too new is a JSON 400; too old a plain-text 400, as moby', async () => {
  const tooNew = await request('GET', '/v1.51/version');
  assert.equal(tooNew.status, 400);
  assert.equal(tooNew.headers['content-type'], 'application/json');
  assert.deepEqual(json(tooNew), { message: 'client version 1.51 is too new. Maximum supported API version is 1.50' });
  const tooOld = await request('GET', '/v1.23/_ping');
  assert.equal(tooOld.status, 400);
  assert.equal(tooOld.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(
    tooOld.body,
    'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version\n',
  );
});

test('/version reports the API versions served, also in the Engine component; /info and /system/df pass the engine through', async () => {
  const r = await request('GET', '/v1.50/version');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.deepEqual(json(r), {
    ...version,
    ApiVersion: '1.50',
    MinAPIVersion: '1.24',
    Components: [{ Name: 'Engine', Version: '9.8.7', Details: { GitCommit: 'abc', ApiVersion: '1.50', MinAPIVersion: '1.24' } }, { Name: 'crun', Version: '1' }],
  });
  assert.deepEqual(json(await request('GET', '/info')), { ID: 'fake' });
  assert.equal((json(await request('GET', '/system/df')) as { LayersSize: number }).LayersSize, 0);
});

test('engine errors become their status and {"message"}', async () => {
  const missing = await request('GET', '/v1.50/images/missing/json');
  assert.equal(missing.status, 404);
  assert.deepEqual(json(missing), { message: 'No such image: missing' });
  const taken = await request('POST', '/images/a/tag?repo=taken');
  assert.equal(taken.status, 409);
  assert.deepEqual(json(taken), { message: 'taken' });
});

test('GET /images/json passes flags and filters, and shapes the list for the client\'s version', async () => {
  calls.list = [];
  const filters = encodeURIComponent('{"dangling":{"true":true}}');
  const current = await request('GET', `/v1.50/images/json?all=1&digests=true&shared-size=1&filters=${filters}`);
  assert.equal(current.status, 200);
  assert.deepEqual(calls.list[0], { all: true, digests: true, sharedSize: true, filters: { dangling: ['true'] } });
  const [img] = json(current) as ImageSummary[];
  assert.equal(img?.Containers, -1);
  assert.equal(img?.VirtualSize, undefined);
  assert.ok(img?.Descriptor);

  const legacy = await request('GET', `/v1.41/images/json?shared-size=1&filters=${encodeURIComponent('{"dangling":["true"]}')}`);
  assert.deepEqual(calls.list[1], { all: false, digests: false, sharedSize: false, filters: { dangling: ['true'] } });
  const [old] = json(legacy) as ImageSummary[];
  assert.deepEqual(old?.RepoTags, ['<none>:<none>']);
  assert.deepEqual(old?.RepoDigests, ['<none>@<none>']);
  assert.equal(old?.VirtualSize, 42);
  assert.equal(old?.Descriptor, undefined);

  await request('GET', '/v1.24/images/json?filter=busy*');
  assert.deepEqual(calls.list[2], { all: false, digests: false, sharedSize: false, filters: { reference: ['busy*'] } });

  const bad = await request('GET', '/images/json?filters=%7Bnope');
  assert.equal(bad.status, 400);
  assert.deepEqual(json(bad), { message: 'invalid filter' });
});

test('image inspect drops Descriptor before 1.48 and adds VirtualSize before 1.44', async () => {
  const current = json(await request('GET', '/v1.50/images/localhost:5000/a/b:t/json')) as Record<string, unknown>;
  assert.deepEqual(current.RepoTags, ['localhost:5000/a/b:t']);
  assert.ok(current.Descriptor);
  const old = json(await request('GET', '/v1.43/images/a/json')) as Record<string, unknown>;
  assert.equal(old.Descriptor, undefined);
  assert.equal(old.VirtualSize, 42);
  assert.equal(old.Created, '0001-01-01T00:00:00Z');
});

test('tag is 201 with no body; delete passes force/noprune and refuses a blank name', async () => {
  calls.tag = [];
  const tagged = await request('POST', '/v1.50/images/localhost:5000/a:1/tag?repo=b%2Fc&tag=v2');
  assert.equal(tagged.status, 201);
  assert.equal(tagged.body, '');
  assert.deepEqual(calls.tag[0], ['localhost:5000/a:1', 'b/c', 'v2']);
  await request('POST', '/images/a/tag?repo=b');
  assert.deepEqual(calls.tag[1], ['a', 'b', undefined]);

  calls.remove = [];
  const removed = await request('DELETE', '/v1.50/images/a/b:c?force=1&noprune=true');
  assert.deepEqual(json(removed), [{ Untagged: 'a/b:c' }]);
  assert.deepEqual(calls.remove[0], ['a/b:c', { force: true, noPrune: true }]);
  const blank = await request('DELETE', '/images/%20');
  assert.equal(blank.status, 400);
  assert.deepEqual(json(blank), { message: 'image name cannot be blank' });
});

test('prune passes its filters', async () => {
  calls.prune = [];
  const r = await request('POST', `/images/prune?filters=${encodeURIComponent('{"dangling":["false"]}')}`);
  assert.deepEqual(json(r), { ImagesDeleted: null, SpaceReclaimed: 0 });
  assert.deepEqual(calls.prune[0], { filters: { dangling: ['false'] } });
});

test('import streams the body to the engine and ends with {"status": id}', async () => {
  calls.import = [];
  const body = Buffer.alloc(3000, 7);
  const r = await request('POST', '/v1.50/images/create?fromSrc=-&repo=a%2Fb&tag=t&changes=CMD%20x&changes=ENV%20a%3Db&platform=linux%2Famd64', body);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(r.body, `{"status":"sha256:${(3000).toString(16).padStart(64, '0')}"}\r\n`);
  assert.deepEqual(calls.import[0], {
    repo: 'a/b',
    tag: 't',
    changes: ['CMD x', 'ENV a=b'],
    message: 'Imported from -',
    platform: 'linux/amd64',
  });
});

test('import failing before any output gets its status, even while the client still uploads', async () => {
  // 8 MiB the engine never reads: the answer must still arrive.
  const big = Readable.from((function* () {
    for (let i = 0; i < 128; i++) yield Buffer.alloc(64 * 1024);
  })());
  const r = await request('POST', '/images/create?fromSrc=-&repo=bad', big);
  assert.equal(r.status, 400);
  assert.deepEqual(json(r), { message: 'invalid reference format' });
  // The server still answers afterwards.
  assert.equal((await request('GET', '/_ping')).body, 'OK');
});

test('create with fromImage pulls: tag, digest or every tag, with the X-Registry-Auth credentials', async () => {
  calls.pull = [];
  const auth = Buffer.from(JSON.stringify({ username: 'u', password: 'p' })).toString('base64url');
  const pull = await request('POST', '/images/create?fromImage=busybox&tag=1', undefined, { 'X-Registry-Auth': auth });
  assert.equal(pull.status, 200);
  assert.deepEqual(json(pull), { status: 'Pulling from library/busybox', id: 'latest' });
  assert.deepEqual(calls.pull[0], { ref: { domain: 'docker.io', path: 'library/busybox', tag: '1' }, allTags: false, auth: { username: 'u', password: 'p' } });
  const digest = `sha256:${'a'.repeat(64)}`;
  await request('POST', `/images/create?fromImage=localhost:5000/x&tag=${digest}`);
  assert.deepEqual(calls.pull[1], { ref: { domain: 'localhost:5000', path: 'x', digest }, allTags: false });
  await request('POST', '/images/create?fromImage=localhost:5000/x&platform=linux/arm64', undefined, { 'X-Registry-Auth': 'e30=' });
  assert.deepEqual(calls.pull[2], { ref: { domain: 'localhost:5000', path: 'x' }, allTags: true, platform: 'linux/arm64', auth: {} });
  const bad = await request('POST', '/images/create?fromImage=busybox&tag=1', undefined, { 'X-Registry-Auth': '%%%' });
  assert.equal(bad.status, 400);
  assert.equal(calls.pull.length, 3);
  assert.equal((await request('POST', '/images/create?fromSrc=http%3A%2F%2Fexample.com%2Fx.tar')).status, 501);
  assert.equal((await request('POST', '/images/create')).status, 400);
});

test('push takes the tag from the query (none: every tag); /auth checks credentials', async () => {
  calls.push = [];
  assert.equal((await request('POST', '/images/localhost:5000/a/b/push?tag=2')).status, 200);
  assert.deepEqual(calls.push[0], { ref: { domain: 'localhost:5000', path: 'a/b', tag: '2' }, allTags: false });
  await request('POST', '/images/localhost:5000/a/b/push');
  assert.deepEqual(calls.push[1], { ref: { domain: 'localhost:5000', path: 'a/b' }, allTags: true });
  const ok = await request('POST', '/auth', Buffer.from(JSON.stringify({ username: 'u', password: 'right', serveraddress: 'r' })));
  assert.deepEqual([ok.status, json(ok)], [200, { Status: 'Login Succeeded', IdentityToken: '' }]);
  const refused = await request('POST', '/auth', Buffer.from(JSON.stringify({ username: 'u', password: 'wrong' })));
  assert.deepEqual([refused.status, json(refused)], [401, { message: 'login attempt to http://r/v2/ failed with status: 401 Unauthorized' }]);
});

test('load streams progress lines; a failure after output is an error message in the stream', async () => {
  calls.load = [];
  const ok = await request('POST', '/images/load?quiet=0', Buffer.alloc(10));
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.split('\r\n'), ['{"status":"Loading layer"}', '{"stream":"Loaded image: x:10\\n"}', '']);
  assert.deepEqual(calls.load[0], { quiet: false });

  const failed = await request('POST', '/images/load', Buffer.alloc(0));
  assert.deepEqual(calls.load[1], { quiet: true }, 'quiet by default, as moby');
  assert.equal(failed.status, 200);
  assert.deepEqual(failed.body.split('\r\n').filter(Boolean).map((l) => JSON.parse(l)), [
    { status: 'Loading layer' },
    { errorDetail: { message: 'empty archive' }, error: 'empty archive' },
  ]);
});

test('save streams a tar; an unknown name is 404 before any byte; a failure mid-stream cuts the body', async () => {
  const one = await request('GET', '/v1.50/images/a/b:c/get');
  assert.equal(one.status, 200);
  assert.equal(one.headers['content-type'], 'application/x-tar');
  assert.equal(one.body, 'tar of a/b:c');
  const many = await request('GET', '/images/get?names=a&names=b');
  assert.equal(many.body, 'tar of a,b');
  const missing = await request('GET', '/images/get?names=a&names=missing');
  assert.equal(missing.status, 404);
  await assert.rejects(request('GET', '/images/breaks/get'), /aborted|socket hang up|ECONNRESET/);
});
