// `cais registry serve` in-process, through node:http and node:https: every
// endpoint of the distribution spec, pagination, referrers, errors and
// limits, path traversal, wrong digests, concurrent pushes, basic and token
// auth, TLS, and gc.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { collectRegistryGarbage, serveRegistry, type RegistryServerOptions, type RunningRegistry } from '../../src/registry/server/index.js';
import { makeTestCerts } from '../support/daemon.js';

const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
const ociIndex = 'application/vnd.oci.image.index.v1+json';
const dockerManifest = 'application/vnd.docker.distribution.manifest.v2+json';

let work: string;
const running: RunningRegistry[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'cais-registry-'));
});
after(async () => {
  for (const r of running) await r.close();
  await rm(work, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): { errors?: { code: string; message: string; detail?: unknown }[] } & Record<string, unknown>;
}

interface Registry {
  root: string;
  base: string;
  registry: RunningRegistry;
  ca?: Buffer;
}

let rootCount = 0;

async function start(opts: Partial<RegistryServerOptions> = {}, ca?: Buffer): Promise<Registry> {
  const root = opts.root ?? join(work, `root-${rootCount++}`);
  const registry = await serveRegistry({ addr: '127.0.0.1:0', root, log: () => {}, ...opts });
  running.push(registry);
  return { root, registry, base: `${opts.tls ? 'https' : 'http'}://${registry.address}`, ...(ca ? { ca } : {}) };
}

async function stop(r: Registry): Promise<void> {
  await r.registry.close();
  running.splice(running.indexOf(r.registry), 1);
}

function request(r: Registry, method: string, path: string, opts: { headers?: Record<string, string | number>; body?: Buffer | string } = {}): Promise<Reply> {
  const url = new URL(r.base);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // `path` goes on the wire as written (no URL normalization), so traversal attempts reach the server.
    const req = lib.request({ host: url.hostname, port: url.port, method, path, headers: opts.headers, agent: false, ...(r.ca ? { ca: r.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString()) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function digestOf(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function errorCode(reply: Reply): string | undefined {
  return reply.json().errors?.[0]?.code;
}

async function pushBlob(r: Registry, repo: string, data: Buffer | string, headers: Record<string, string> = {}): Promise<string> {
  const digest = digestOf(data);
  const reply = await request(r, 'POST', `/v2/${repo}/blobs/uploads/?digest=${digest}`, { body: data, headers });
  assert.equal(reply.status, 201, reply.body.toString());
  return digest;
}

/** An image manifest over a config and one layer, pushed as blobs first. */
async function imageManifest(r: Registry, repo: string, seed: string, extra: Record<string, unknown> = {}): Promise<Buffer> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, seed }));
  const layer = Buffer.from(`layer of ${seed}`);
  const manifest = {
    schemaVersion: 2,
    mediaType: ociManifest,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await pushBlob(r, repo, config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: await pushBlob(r, repo, layer), size: layer.length }],
    ...extra,
  };
  return Buffer.from(JSON.stringify(manifest));
}

async function putManifest(r: Registry, repo: string, reference: string, body: Buffer, type = ociManifest, headers: Record<string, string> = {}): Promise<Reply> {
  return request(r, 'PUT', `/v2/${repo}/manifests/${reference}`, { body, headers: { 'Content-Type': type, ...headers } });
}

describe('open registry', () => {
  let r: Registry;
  before(async () => {
    r = await start();
  });

  test('GET /v2/ answers 200 {} with the API version header; other paths 404, other methods 405', async () => {
    const reply = await request(r, 'GET', '/v2/');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json(), {});
    assert.equal(reply.headers['docker-distribution-api-version'], 'registry/2.0');
    const missing = await request(r, 'GET', '/v1/_ping');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['docker-distribution-api-version'], 'registry/2.0');
    const wrong = await request(r, 'PATCH', '/v2/a/tags/list');
    assert.equal(wrong.status, 405);
    assert.equal(errorCode(wrong), 'UNSUPPORTED');
  });

  test('a monolithic push is served back with digest, length, ETag and ranges', async () => {
    const data = Buffer.from('0123456789abcdef');
    const digest = digestOf(data);
    const put = await request(r, 'POST', `/v2/mono/blobs/uploads/?digest=${digest}`, { body: data });
    assert.equal(put.status, 201);
    assert.equal(put.headers.location, `/v2/mono/blobs/${digest}`);
    assert.equal(put.headers['docker-content-digest'], digest);

    const head = await request(r, 'HEAD', `/v2/mono/blobs/${digest}`);
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '16');
    assert.equal(head.headers['docker-content-digest'], digest);
    assert.equal(head.headers.etag, `"${digest}"`);
    assert.equal(head.body.length, 0);

    const get = await request(r, 'GET', `/v2/mono/blobs/${digest}`);
    assert.deepEqual(get.body, data);
    const part = await request(r, 'GET', `/v2/mono/blobs/${digest}`, { headers: { Range: 'bytes=10-' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], 'bytes 10-15/16');
    assert.equal(part.body.toString(), 'abcdef');
    const past = await request(r, 'GET', `/v2/mono/blobs/${digest}`, { headers: { Range: 'bytes=16-' } });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], 'bytes */16');
    const cached = await request(r, 'GET', `/v2/mono/blobs/${digest}`, { headers: { 'If-None-Match': `"${digest}"` } });
    assert.equal(cached.status, 304);
    // Stored once, under its digest.
    assert.deepEqual(await readFile(join(r.root, 'blobs', 'sha256', digest.slice(7))), data);
  });

  test('a chunked upload: sessions, ranges, status, out-of-order chunks, lying lengths', async () => {
    const post = await request(r, 'POST', '/v2/chunky/blobs/uploads/');
    assert.equal(post.status, 202);
    assert.equal(post.headers.range, '0-0');
    const location = post.headers.location ?? '';
    assert.match(location, /^\/v2\/chunky\/blobs\/uploads\/[0-9a-f-]{36}$/);
    assert.equal(post.headers['docker-upload-uuid'], location.split('/').at(-1));

    const first = await request(r, 'PATCH', location, { body: 'hello', headers: { 'Content-Range': '0-4', 'Content-Type': 'application/octet-stream' } });
    assert.equal(first.status, 202);
    assert.equal(first.headers.range, '0-4');
    assert.equal(first.headers.location, location);

    const outOfOrder = await request(r, 'PATCH', location, { body: 'xx', headers: { 'Content-Range': '10-11' } });
    assert.equal(outOfOrder.status, 416);
    assert.equal(outOfOrder.headers.range, '0-4');
    const lying = await request(r, 'PATCH', location, { body: 'abc', headers: { 'Content-Range': '5-9' } });
    assert.equal(lying.status, 400);
    assert.equal(errorCode(lying), 'SIZE_INVALID');

    const status = await request(r, 'GET', location);
    assert.equal(status.status, 204);
    assert.equal(status.headers.range, '0-4');
    assert.equal(status.headers.location, location);

    const second = await request(r, 'PATCH', location, { body: ' wor' });
    assert.equal(second.headers.range, '0-8');
    const digest = digestOf('hello world');
    const done = await request(r, 'PUT', `${location}?digest=${digest}`, { body: 'ld' });
    assert.equal(done.status, 201);
    assert.equal(done.headers['docker-content-digest'], digest);
    assert.equal((await request(r, 'GET', `/v2/chunky/blobs/${digest}`)).body.toString(), 'hello world');
    const gone = await request(r, 'GET', location);
    assert.equal(gone.status, 404);
    assert.equal(errorCode(gone), 'BLOB_UPLOAD_UNKNOWN');
    assert.deepEqual(await readdir(join(r.root, 'uploads')), []);
  });

  test('a wrong digest stores nothing; cancelled and foreign sessions are unknown', async () => {
    const post = await request(r, 'POST', '/v2/wrong/blobs/uploads/');
    const location = post.headers.location ?? '';
    const claimed = digestOf('something else');
    const put = await request(r, 'PUT', `${location}?digest=${claimed}`, { body: 'the content' });
    assert.equal(put.status, 400);
    assert.equal(errorCode(put), 'DIGEST_INVALID');
    assert.equal(existsSync(join(r.root, 'blobs', 'sha256', claimed.slice(7))), false);
    assert.equal(existsSync(join(r.root, 'blobs', 'sha256', digestOf('the content').slice(7))), false);
    assert.equal((await request(r, 'HEAD', `/v2/wrong/blobs/${claimed}`)).status, 404);

    const mono = await request(r, 'POST', `/v2/wrong/blobs/uploads/?digest=${claimed}`, { body: 'other bytes' });
    assert.equal(mono.status, 400);
    assert.equal(errorCode(mono), 'DIGEST_INVALID');
    const noDigest = await request(r, 'PUT', `${(await request(r, 'POST', '/v2/wrong/blobs/uploads/')).headers.location}`, { body: 'x' });
    assert.equal(errorCode(noDigest), 'DIGEST_INVALID');

    const other = (await request(r, 'POST', '/v2/wrong/blobs/uploads/')).headers.location ?? '';
    const foreign = await request(r, 'PATCH', other.replace('/v2/wrong/', '/v2/elsewhere/'), { body: 'x' });
    assert.equal(foreign.status, 404);
    assert.equal(errorCode(foreign), 'BLOB_UPLOAD_UNKNOWN');
    assert.equal((await request(r, 'DELETE', other)).status, 204);
    assert.equal((await request(r, 'PATCH', other, { body: 'x' })).status, 404);
    const traversal = await request(r, 'GET', '/v2/wrong/blobs/uploads/..%2f..%2fetc');
    assert.equal(traversal.status, 404);
    assert.equal(errorCode(traversal), 'BLOB_UPLOAD_UNKNOWN');
  });

  test('an unsupported algorithm or a malformed digest is DIGEST_INVALID', async () => {
    const sha512 = await request(r, 'GET', `/v2/x/blobs/sha512:${'a'.repeat(128)}`);
    assert.equal(sha512.status, 400);
    assert.equal(errorCode(sha512), 'DIGEST_INVALID');
    assert.match(sha512.json().errors?.[0]?.message ?? '', /unsupported digest algorithm/);
    assert.equal(errorCode(await request(r, 'GET', '/v2/x/blobs/sha256:1234')), 'DIGEST_INVALID');
    assert.equal(errorCode(await request(r, 'POST', '/v2/x/blobs/uploads/?digest=md5:abc', { body: 'x' })), 'DIGEST_INVALID');
  });

  test('path traversal in names is NAME_INVALID', async () => {
    const digest = await pushBlob(r, 'safe', 'secret');
    for (const path of [
      `/v2/../../etc/blobs/${digest}`,
      `/v2/safe/../other/blobs/${digest}`,
      `/v2/%2e%2e/%2e%2e/blobs/${digest}`,
      `/v2/a/%2E%2E/b/manifests/latest`,
      '/v2/UPPER/tags/list',
      '/v2/a%2f..%2fb/tags/list',
    ]) {
      const reply = await request(r, 'GET', path);
      assert.equal(reply.status, 400, path);
      assert.equal(errorCode(reply), 'NAME_INVALID', path);
    }
    assert.equal(errorCode(await request(r, 'GET', '/v2/safe/manifests/..')), 'TAG_INVALID');
  });

  test('a blob is served only by the repositories that hold it; mounts link it, or fall back to an upload', async () => {
    const digest = await pushBlob(r, 'team/a', 'shared layer');
    const other = await request(r, 'GET', `/v2/team/b/blobs/${digest}`);
    assert.equal(other.status, 404);
    assert.equal(errorCode(other), 'BLOB_UNKNOWN');

    const mount = await request(r, 'POST', `/v2/team/b/blobs/uploads/?mount=${digest}&from=team/a`);
    assert.equal(mount.status, 201);
    assert.equal(mount.headers.location, `/v2/team/b/blobs/${digest}`);
    assert.equal(mount.headers['docker-content-digest'], digest);
    assert.equal((await request(r, 'GET', `/v2/team/b/blobs/${digest}`)).body.toString(), 'shared layer');

    const unknown = await request(r, 'POST', `/v2/team/c/blobs/uploads/?mount=${digestOf('nope')}&from=team/a`);
    assert.equal(unknown.status, 202);
    assert.match(unknown.headers.location ?? '', /^\/v2\/team\/c\/blobs\/uploads\//);
    // A mount from a repository that lacks the blob is an upload too.
    assert.equal((await request(r, 'POST', `/v2/team/d/blobs/uploads/?mount=${digest}&from=team/c`)).status, 202);

    const del = await request(r, 'DELETE', `/v2/team/b/blobs/${digest}`);
    assert.equal(del.status, 202);
    assert.equal((await request(r, 'GET', `/v2/team/b/blobs/${digest}`)).status, 404);
    assert.equal((await request(r, 'GET', `/v2/team/a/blobs/${digest}`)).status, 200);
    assert.equal(errorCode(await request(r, 'DELETE', `/v2/team/b/blobs/${digest}`)), 'BLOB_UNKNOWN');
  });

  test('manifests: pushed by tag and digest, served with their media type, checked before storing', async () => {
    const body = await imageManifest(r, 'img', 'one');
    const digest = digestOf(body);
    const put = await putManifest(r, 'img', 'v1', body);
    assert.equal(put.status, 201);
    assert.equal(put.headers['docker-content-digest'], digest);
    assert.equal(put.headers.location, `/v2/img/manifests/${digest}`);
    assert.equal(put.headers['oci-subject'], undefined);

    for (const ref of ['v1', digest]) {
      const get = await request(r, 'GET', `/v2/img/manifests/${ref}`, { headers: { Accept: ociManifest } });
      assert.equal(get.status, 200);
      assert.equal(get.headers['content-type'], ociManifest);
      assert.equal(get.headers['docker-content-digest'], digest);
      assert.deepEqual(get.body, body);
      const head = await request(r, 'HEAD', `/v2/img/manifests/${ref}`);
      assert.equal(head.headers['content-length'], String(body.length));
      assert.equal(head.body.length, 0);
    }
    const unknown = await request(r, 'GET', '/v2/img/manifests/nope');
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'MANIFEST_UNKNOWN');

    // By digest: the body must have that digest.
    assert.equal((await putManifest(r, 'img', digest, body)).status, 201);
    const wrong = await putManifest(r, 'img', digestOf('x'), body);
    assert.equal(wrong.status, 400);
    assert.equal(errorCode(wrong), 'DIGEST_INVALID');

    // An index of it, and a Docker schema2 manifest with the same blobs.
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: ociIndex, manifests: [{ mediaType: ociManifest, digest, size: body.length }] }));
    assert.equal((await putManifest(r, 'img', 'multi', index, ociIndex)).status, 201);
    assert.equal((await request(r, 'GET', '/v2/img/manifests/multi')).headers['content-type'], ociIndex);
    const parsed = JSON.parse(body.toString());
    const docker = Buffer.from(JSON.stringify({ ...parsed, mediaType: dockerManifest }));
    assert.equal((await putManifest(r, 'img', 'docker', docker, dockerManifest)).status, 201);
    assert.equal((await request(r, 'GET', '/v2/img/manifests/docker')).headers['content-type'], dockerManifest);
    // Without a mediaType field, the Content-Type says what it is.
    const bare = Buffer.from(JSON.stringify({ ...parsed, mediaType: undefined }));
    assert.equal((await putManifest(r, 'img', 'bare', bare)).status, 201);
    assert.equal((await request(r, 'GET', '/v2/img/manifests/bare')).headers['content-type'], ociManifest);
  });

  test('manifests that are invalid, too large or reference unknown content are refused', async () => {
    const body = await imageManifest(r, 'bad', 'two');
    const missing = JSON.parse(body.toString());
    missing.layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digestOf('absent'), size: 6 });
    const unknownBlob = await putManifest(r, 'bad', 'v1', Buffer.from(JSON.stringify(missing)));
    assert.equal(unknownBlob.status, 400);
    assert.equal(errorCode(unknownBlob), 'MANIFEST_BLOB_UNKNOWN');
    // A blob of another repository is unknown here too.
    const elsewhere = await imageManifest(r, 'bad-other', 'three');
    assert.equal(errorCode(await putManifest(r, 'bad', 'v1', elsewhere)), 'MANIFEST_BLOB_UNKNOWN');
    const childless = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: ociIndex, manifests: [{ mediaType: ociManifest, digest: digestOf('m'), size: 1 }] }));
    assert.equal(errorCode(await putManifest(r, 'bad', 'v1', childless, ociIndex)), 'MANIFEST_BLOB_UNKNOWN');

    assert.equal(errorCode(await putManifest(r, 'bad', 'v1', Buffer.from('{not json'))), 'MANIFEST_INVALID');
    assert.equal(errorCode(await putManifest(r, 'bad', 'v1', Buffer.from('{"schemaVersion":1}'), 'application/json')), 'MANIFEST_INVALID');
    assert.equal(errorCode(await putManifest(r, 'bad', 'v1', Buffer.from('{"schemaVersion":2,"mediaType":"' + ociManifest + '"}'))), 'MANIFEST_INVALID');
    const mismatch = await putManifest(r, 'bad', 'v1', body, dockerManifest);
    assert.equal(errorCode(mismatch), 'MANIFEST_INVALID');
    assert.match(mismatch.json().errors?.[0]?.message ?? '', /does not match Content-Type/);

    const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
    const tooLarge = await putManifest(r, 'bad', 'v1', huge);
    assert.equal(tooLarge.status, 413);
    assert.equal(errorCode(tooLarge), 'MANIFEST_INVALID');
    const chunkedTooLarge = await new Promise<number>((resolve, reject) => {
      const url = new URL(r.base);
      const req = http.request({ host: url.hostname, port: url.port, method: 'PUT', path: '/v2/bad/manifests/v1', agent: false, headers: { 'Content-Type': ociManifest } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // No Content-Length: chunked, the limit is found while reading.
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    assert.equal(chunkedTooLarge, 413);
    assert.equal((await request(r, 'GET', '/v2/bad/manifests/v1')).status, 404);
  });

  test('tags list and catalog page with n and last, and link to the next page', async () => {
    const body = await imageManifest(r, 'paged', 'tags');
    for (const tag of ['c', 'a', 'e', 'b', 'd']) assert.equal((await putManifest(r, 'paged', tag, body)).status, 201);
    const all = await request(r, 'GET', '/v2/paged/tags/list');
    assert.deepEqual(all.json(), { name: 'paged', tags: ['a', 'b', 'c', 'd', 'e'] });
    assert.equal(all.headers.link, undefined);
    const first = await request(r, 'GET', '/v2/paged/tags/list?n=2');
    assert.deepEqual(first.json().tags, ['a', 'b']);
    assert.equal(first.headers.link, '</v2/paged/tags/list?last=b&n=2>; rel="next"');
    const link = String(first.headers.link);
    const next = await request(r, 'GET', link.slice(1, link.indexOf('>')));
    assert.deepEqual(next.json().tags, ['c', 'd']);
    const lastPage = await request(r, 'GET', '/v2/paged/tags/list?n=2&last=d');
    assert.deepEqual(lastPage.json().tags, ['e']);
    assert.equal(lastPage.headers.link, undefined);
    assert.deepEqual((await request(r, 'GET', '/v2/paged/tags/list?n=0')).json().tags, []);
    assert.equal(errorCode(await request(r, 'GET', '/v2/paged/tags/list?n=x')), 'PAGINATION_NUMBER_INVALID');
    const unknown = await request(r, 'GET', '/v2/never/pushed/tags/list');
    assert.equal(unknown.status, 404);
    assert.equal(errorCode(unknown), 'NAME_UNKNOWN');

    const catalog = (await request(r, 'GET', '/v2/_catalog')).json().repositories as string[];
    assert.ok(catalog.includes('paged') && catalog.includes('team/a') && catalog.includes('img'));
    assert.deepEqual(catalog, [...catalog].sort());
    const page = await request(r, 'GET', '/v2/_catalog?n=1&last=paged');
    assert.equal((page.json().repositories as string[]).length, 1);
    assert.match(String(page.headers.link), /^<\/v2\/_catalog\?last=[^&]+&n=1>; rel="next"$/);
  });

  test('referrers list the manifests whose subject is a digest, filtered by artifactType', async () => {
    const subjectBody = await imageManifest(r, 'refs', 'subject');
    const subject = digestOf(subjectBody);
    await putManifest(r, 'refs', 'v1', subjectBody);
    const empty = Buffer.from('{}');
    const emptyDigest = await pushBlob(r, 'refs', empty);
    const artifact = (type: string, note: string): Buffer =>
      Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: ociManifest,
        artifactType: type,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
        layers: [],
        subject: { mediaType: ociManifest, digest: subject, size: subjectBody.length },
        annotations: { note },
      }));
    const signature = artifact('application/vnd.example.signature', 'sig');
    const sbom = artifact('application/vnd.example.sbom', 'sbom');
    for (const body of [signature, sbom]) {
      const put = await putManifest(r, 'refs', digestOf(body), body);
      assert.equal(put.status, 201);
      assert.equal(put.headers['oci-subject'], subject);
    }
    const list = await request(r, 'GET', `/v2/refs/referrers/${subject}`);
    assert.equal(list.status, 200);
    assert.equal(list.headers['content-type'], ociIndex);
    const index = list.json() as { schemaVersion: number; manifests: { digest: string; artifactType: string; annotations: Record<string, string>; size: number }[] };
    assert.equal(index.schemaVersion, 2);
    assert.deepEqual(index.manifests.map((m) => m.digest).sort(), [digestOf(signature), digestOf(sbom)].sort());
    const sig = index.manifests.find((m) => m.digest === digestOf(signature));
    assert.deepEqual(sig, { mediaType: ociManifest, digest: digestOf(signature), size: signature.length, artifactType: 'application/vnd.example.signature', annotations: { note: 'sig' } });

    const filtered = await request(r, 'GET', `/v2/refs/referrers/${subject}?artifactType=application/vnd.example.sbom`);
    assert.equal(filtered.headers['oci-filters-applied'], 'artifactType');
    assert.deepEqual((filtered.json().manifests as { digest: string }[]).map((m) => m.digest), [digestOf(sbom)]);
    const none = await request(r, 'GET', `/v2/refs/referrers/${digestOf('nothing refers to this')}`);
    assert.equal(none.status, 200);
    assert.deepEqual(none.json().manifests, []);
    assert.equal((await request(r, 'GET', '/v2/refs/referrers/latest')).status, 400);

    // A deleted referrer leaves the list.
    assert.equal((await request(r, 'DELETE', `/v2/refs/manifests/${digestOf(sbom)}`)).status, 202);
    assert.deepEqual(((await request(r, 'GET', `/v2/refs/referrers/${subject}`)).json().manifests as { digest: string }[]).map((m) => m.digest), [digestOf(signature)]);
  });

  test('DELETE of a tag removes the tag; of a digest, the manifest and its tags', async () => {
    const body = await imageManifest(r, 'del', 'gone');
    const digest = digestOf(body);
    await putManifest(r, 'del', 'one', body);
    await putManifest(r, 'del', 'two', body);
    assert.equal((await request(r, 'DELETE', '/v2/del/manifests/one')).status, 202);
    assert.equal((await request(r, 'GET', '/v2/del/manifests/one')).status, 404);
    assert.equal((await request(r, 'GET', `/v2/del/manifests/${digest}`)).status, 200);
    assert.equal((await request(r, 'DELETE', `/v2/del/manifests/${digest}`)).status, 202);
    assert.equal((await request(r, 'GET', `/v2/del/manifests/${digest}`)).status, 404);
    assert.equal((await request(r, 'GET', '/v2/del/manifests/two')).status, 404);
    assert.deepEqual((await request(r, 'GET', '/v2/del/tags/list')).json().tags, []);
    assert.equal(errorCode(await request(r, 'DELETE', `/v2/del/manifests/${digest}`)), 'MANIFEST_UNKNOWN');
  });

  test('concurrent pushes of one blob and one tag leave consistent state', async () => {
    const sessions = await readdir(join(r.root, 'uploads'));
    const data = Buffer.alloc(256 * 1024, 7);
    const digest = digestOf(data);
    const replies = await Promise.all(Array.from({ length: 8 }, () => request(r, 'POST', `/v2/race/blobs/uploads/?digest=${digest}`, { body: data })));
    assert.deepEqual(replies.map((x) => x.status), Array(8).fill(201));
    assert.deepEqual((await request(r, 'GET', `/v2/race/blobs/${digest}`)).body, data);

    const bodies = await Promise.all(Array.from({ length: 6 }, (_, i) => imageManifest(r, 'race', `racer ${i}`)));
    const puts = await Promise.all(bodies.map((b) => putManifest(r, 'race', 'latest', b)));
    assert.deepEqual(puts.map((x) => x.status), Array(6).fill(201));
    const winner = await request(r, 'GET', '/v2/race/manifests/latest');
    assert.ok(bodies.some((b) => b.equals(winner.body)), 'the tag names one whole manifest');
    assert.equal(winner.headers['docker-content-digest'], digestOf(winner.body));
    assert.deepEqual(await readdir(join(r.root, 'tmp')), []);
    assert.deepEqual(await readdir(join(r.root, 'uploads')), sessions);
  });

  test('a PATCH cut off half-way leaves the session as it was', async () => {
    const location = (await request(r, 'POST', '/v2/cut/blobs/uploads/')).headers.location ?? '';
    await request(r, 'PATCH', location, { body: 'kept' });
    await new Promise<void>((resolve) => {
      const url = new URL(r.base);
      const req = http.request({ host: url.hostname, port: url.port, method: 'PATCH', path: location, agent: false, headers: { 'Content-Length': 1000 } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(500, 1), () => setTimeout(() => req.destroy(), 100));
    });
    // The server notices the abort and undoes it.
    let range: string | undefined;
    for (let i = 0; i < 50 && range !== '0-3'; i++) {
      range = (await request(r, 'GET', location)).headers.range;
      if (range !== '0-3') await new Promise((res) => setTimeout(res, 20));
    }
    assert.equal(range, '0-3');
    const digest = digestOf('kept!');
    assert.equal((await request(r, 'PUT', `${location}?digest=${digest}`, { body: '!' })).status, 201);
  });
});

describe('limits and upkeep', () => {
  test('blobs above --max-upload-size are refused with 413 and the session stays usable', async () => {
    const r = await start({ maxUploadBytes: 1024 });
    try {
      const location = (await request(r, 'POST', '/v2/small/blobs/uploads/')).headers.location ?? '';
      const big = await request(r, 'PATCH', location, { body: Buffer.alloc(2000) });
      assert.equal(big.status, 413);
      assert.equal(errorCode(big), 'SIZE_INVALID');
      assert.equal((await request(r, 'GET', location)).headers.range, '0-0');
      assert.equal((await request(r, 'PATCH', location, { body: Buffer.alloc(1000) })).status, 202);
      const mono = await request(r, 'POST', `/v2/small/blobs/uploads/?digest=${digestOf(Buffer.alloc(1025))}`, { body: Buffer.alloc(1025) });
      assert.equal(mono.status, 413);
      assert.equal(existsSync(join(r.root, 'blobs', 'sha256', digestOf(Buffer.alloc(1025)).slice(7))), false);
    } finally {
      await stop(r);
    }
  });

  test('stale upload sessions are removed at start; a second server on one root is refused', async () => {
    const root = join(work, 'stale');
    const stale = join(root, 'uploads', '0f8fad5b-d9cb-469f-a165-70867728950e');
    const fresh = join(root, 'uploads', '1f8fad5b-d9cb-469f-a165-70867728950e');
    for (const dir of [stale, fresh]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'repository'), 'x');
      await writeFile(join(dir, 'data'), 'partial');
    }
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(stale, 'data'), old, old);
    const r = await start({ root });
    try {
      assert.deepEqual(await readdir(join(root, 'uploads')), ['1f8fad5b-d9cb-469f-a165-70867728950e']);
      await assert.rejects(serveRegistry({ addr: '127.0.0.1:0', root, log: () => {} }), /in use by a registry server/);
    } finally {
      await stop(r);
    }
  });
});

describe('basic auth', () => {
  let r: Registry;
  before(async () => {
    const file = join(work, 'htpasswd');
    // htpasswd -B writes $2y$; bcryptjs writes $2b$: both must work.
    await writeFile(file, `# users\nalice:${bcrypt.hashSync('wonderland', 4).replace(/^\$2b\$/, '$2y$')}\nbob:${bcrypt.hashSync('builder', 4)}\n`);
    r = await start({ htpasswd: file });
  });
  const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

  test('no credentials or wrong ones get 401 with a Basic challenge; users of the file get in', async () => {
    const anonymous = await request(r, 'GET', '/v2/');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers['www-authenticate'], 'Basic realm="cais-registry"');
    assert.equal(errorCode(anonymous), 'UNAUTHORIZED');
    assert.equal(anonymous.headers['docker-distribution-api-version'], 'registry/2.0');
    assert.equal((await request(r, 'GET', '/v2/', { headers: basic('alice', 'wrong') })).status, 401);
    assert.equal((await request(r, 'GET', '/v2/', { headers: basic('mallory', 'wonderland') })).status, 401);
    assert.equal((await request(r, 'GET', '/v2/', { headers: basic('alice', 'wonderland') })).status, 200);
    assert.equal((await request(r, 'GET', '/v2/', { headers: basic('bob', 'builder') })).status, 200);
    const digest = digestOf('authed');
    const push = await request(r, 'POST', `/v2/x/blobs/uploads/?digest=${digest}`, { body: 'authed', headers: basic('bob', 'builder') });
    assert.equal(push.status, 201);
    // A push without credentials stores nothing.
    const refused = await request(r, 'POST', `/v2/x/blobs/uploads/?digest=${digestOf('anon')}`, { body: 'anon' });
    assert.equal(refused.status, 401);
    assert.equal(existsSync(join(r.root, 'blobs', 'sha256', digestOf('anon').slice(7))), false);
  });
});

describe('token auth', () => {
  let r: Registry;
  before(async () => {
    const users = join(work, 'token-htpasswd');
    await writeFile(users, `alice:${bcrypt.hashSync('wonderland', 4)}\nbob:${bcrypt.hashSync('builder', 4)}\n`);
    const acl = join(work, 'acl.json');
    await writeFile(acl, JSON.stringify([
      { account: 'alice', name: 'team/*', actions: ['*'] },
      { account: 'alice', type: 'registry', name: 'catalog', actions: ['*'] },
      { account: 'bob', name: 'team/*', actions: ['pull'] },
      { account: '*', name: 'public/*', actions: ['pull'] },
    ]));
    r = await start({ htpasswd: users, auth: 'token', tokenAcl: acl });
  });

  async function tokenFor(scope: string, user?: string, password?: string): Promise<{ token: string; claims: { access: unknown[] } }> {
    const headers: Record<string, string> = user === undefined ? {} : { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    const reply = await request(r, 'GET', `/token?service=cais-registry&scope=${encodeURIComponent(scope)}`, { headers });
    assert.equal(reply.status, 200, reply.body.toString());
    const body = reply.json() as { token: string; access_token: string; expires_in: number; issued_at: string };
    assert.equal(body.access_token, body.token);
    assert.equal(body.expires_in, 300);
    assert.ok(!Number.isNaN(Date.parse(body.issued_at)));
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1] ?? '', 'base64url').toString());
    return { token: body.token, claims };
  }
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  test('requests without a token are challenged with the realm, service and scope', async () => {
    const base = await request(r, 'GET', '/v2/');
    assert.equal(base.status, 401);
    assert.equal(base.headers['www-authenticate'], `Bearer realm="${r.base}/token",service="cais-registry"`);
    const pull = await request(r, 'GET', '/v2/team/app/tags/list');
    assert.equal(pull.headers['www-authenticate'], `Bearer realm="${r.base}/token",service="cais-registry",scope="repository:team/app:pull"`);
    assert.equal(errorCode(pull), 'UNAUTHORIZED');
    const forged = await request(r, 'GET', '/v2/', { headers: bearer('a.b.c') });
    assert.match(forged.headers['www-authenticate'] ?? '', /error="invalid_token"/);
  });

  test('a token grants the intersection of what is asked and what the ACL allows', async () => {
    const alice = await tokenFor('repository:team/app:pull,push', 'alice', 'wonderland');
    assert.deepEqual(alice.claims.access, [{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }]);
    assert.equal((await request(r, 'GET', '/v2/', { headers: bearer(alice.token) })).status, 200);
    const digest = digestOf('team layer');
    const push = await request(r, 'POST', `/v2/team/app/blobs/uploads/?digest=${digest}`, { body: 'team layer', headers: bearer(alice.token) });
    assert.equal(push.status, 201);

    const bob = await tokenFor('repository:team/app:pull,push', 'bob', 'builder');
    assert.deepEqual(bob.claims.access, [{ type: 'repository', name: 'team/app', actions: ['pull'] }]);
    assert.equal((await request(r, 'GET', `/v2/team/app/blobs/${digest}`, { headers: bearer(bob.token) })).status, 200);
    const refused = await request(r, 'POST', '/v2/team/app/blobs/uploads/', { headers: bearer(bob.token) });
    assert.equal(refused.status, 401);
    assert.equal(
      refused.headers['www-authenticate'],
      `Bearer realm="${r.base}/token",service="cais-registry",scope="repository:team/app:pull,push",error="insufficient_scope"`,
    );
    // A token for one repository is no good for another.
    assert.equal((await request(r, 'GET', '/v2/team/other/tags/list', { headers: bearer(alice.token) })).status, 401);

    const anonymous = await tokenFor('repository:public/base:pull,push repository:team/app:pull');
    assert.deepEqual(anonymous.claims.access, [{ type: 'repository', name: 'public/base', actions: ['pull'] }]);
    const catalog = await tokenFor('registry:catalog:*', 'alice', 'wonderland');
    assert.equal((await request(r, 'GET', '/v2/_catalog', { headers: bearer(catalog.token) })).status, 200);
    assert.equal((await request(r, 'GET', '/v2/_catalog', { headers: bearer(bob.token) })).status, 401);
  });

  test('a mount needs pull on the source repository, else it is an upload', async () => {
    const digest = digestOf('team layer');
    const token = (await tokenFor('repository:public/copy:pull,push', 'alice', 'wonderland')).token;
    const noSource = await request(r, 'POST', `/v2/team/copy/blobs/uploads/?mount=${digest}&from=team/app`, { headers: bearer(token) });
    assert.equal(noSource.status, 401, 'the token is not for team/copy');
    const both = (await tokenFor('repository:team/copy:pull,push repository:team/app:pull', 'alice', 'wonderland')).token;
    assert.equal((await request(r, 'POST', `/v2/team/copy/blobs/uploads/?mount=${digest}&from=team/app`, { headers: bearer(both) })).status, 201);
    const targetOnly = (await tokenFor('repository:team/third:pull,push', 'alice', 'wonderland')).token;
    assert.equal((await request(r, 'POST', `/v2/team/third/blobs/uploads/?mount=${digest}&from=team/app`, { headers: bearer(targetOnly) })).status, 202);
  });

  test('the token endpoint refuses wrong passwords and other services', async () => {
    const wrong = await request(r, 'GET', '/token?service=cais-registry&scope=repository:team/app:pull', {
      headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['www-authenticate'], 'Basic realm="cais-registry"');
    assert.equal((await request(r, 'GET', '/token?service=elsewhere')).status, 403);
  });
});

describe('TLS', () => {
  test('--tls-cert/--tls-key serve HTTPS', async () => {
    const dir = join(work, 'certs');
    await mkdir(dir);
    const certs = makeTestCerts(dir);
    const r = await start({ tls: { cert: certs.serverCert, key: certs.serverKey } }, await readFile(certs.caCert));
    try {
      const reply = await request(r, 'GET', '/v2/');
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['docker-distribution-api-version'], 'registry/2.0');
      await assert.rejects(request({ ...r, ca: undefined }, 'GET', '/v2/'), /self[- ]signed|unable to verify|certificate/);
    } finally {
      await stop(r);
    }
  });
});

describe('gc', () => {
  test('removes blobs no manifest references, and untagged manifests with --delete-untagged', async () => {
    const r = await start();
    const kept = await imageManifest(r, 'gc/app', 'kept');
    await putManifest(r, 'gc/app', 'v1', kept);
    const untagged = await imageManifest(r, 'gc/app', 'untagged');
    await putManifest(r, 'gc/app', digestOf(untagged), untagged);
    const orphan = await pushBlob(r, 'gc/app', 'orphan layer');
    await pushBlob(r, 'gc/other', 'orphan layer');
    await assert.rejects(collectRegistryGarbage({ root: r.root }), /in use by a registry server/);
    await stop(r);

    const blobs = async () => (await readdir(join(r.root, 'blobs', 'sha256'))).map((h) => `sha256:${h}`).sort();
    const before = await blobs();
    const dry = await collectRegistryGarbage({ root: r.root, dryRun: true });
    assert.deepEqual(dry.deletedBlobs, [orphan]);
    assert.deepEqual(await blobs(), before);

    const lines: string[] = [];
    const result = await collectRegistryGarbage({ root: r.root, log: (l) => lines.push(l) });
    assert.deepEqual(result.deletedBlobs, [orphan]);
    assert.deepEqual(result.deletedManifests, []);
    assert.ok(lines.some((l) => l === `blob eligible for deletion: ${orphan}`));
    assert.deepEqual(await blobs(), before.filter((d) => d !== orphan));
    assert.equal(existsSync(join(r.root, 'repositories', 'gc', 'other', '_layers', 'sha256', orphan.slice(7))), false);

    const untaggedBlobs = (JSON.parse(untagged.toString()) as { config: { digest: string }; layers: { digest: string }[] });
    const pruned = await collectRegistryGarbage({ root: r.root, deleteUntagged: true });
    assert.deepEqual(pruned.deletedManifests, [{ repository: 'gc/app', digest: digestOf(untagged) }]);
    assert.deepEqual(pruned.deletedBlobs, [digestOf(untagged), untaggedBlobs.config.digest, untaggedBlobs.layers[0]?.digest].sort());

    // What stays is whole: the tagged image is served after a restart.
    const again = await start({ root: r.root });
    const get = await request(again, 'GET', '/v2/gc/app/manifests/v1');
    assert.deepEqual(get.body, kept);
    for (const layer of (JSON.parse(kept.toString()) as { layers: { digest: string }[] }).layers) {
      assert.equal((await request(again, 'GET', `/v2/gc/app/blobs/${layer.digest}`)).status, 200);
    }
    assert.equal((await request(again, 'GET', `/v2/gc/app/manifests/${digestOf(untagged)}`)).status, 404);
    await stop(again);
  });
});
