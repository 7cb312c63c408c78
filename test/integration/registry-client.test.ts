// The distribution client (src/registry/distribution) against the CNCF
// distribution registry (Debian's docker-registry 2.8): uploads in one PUT
// and in chunks, mounts, manifests by tag and digest, tag pages, Range
// reads, htpasswd basic auth, and token auth with a token server issuing
// RS256 JWTs as Docker Hub's does; then against servers written here to
// misbehave: wrong, short and cut-off blobs, oversized and malformed
// manifests, stalls, ignored Range, redirects to another host, HTTPS with a
// client certificate from certs.d.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { InvalidArgument, NotFound, PermissionDenied, Unauthorized, Unavailable, type Digest } from '../../src/common/index.js';
import { RegistryClient, type Repository } from '../../src/registry/index.js';
import { startDistributionRegistry, type DistributionRegistry } from '../support/distribution-registry.js';
import { startTokenServer, type TokenRequest, type TokenServer } from '../support/registry-token-server.js';

const sha = (b: Buffer): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const ociManifest = 'application/vnd.oci.image.manifest.v1+json';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function push(repo: Repository, blob: Buffer, onProgress?: (n: number) => void): Promise<void> {
  return repo.pushBlob({ digest: sha(blob), size: blob.length }, () => Readable.from([blob]), onProgress);
}

const configBytes = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');

function manifestFor(layer: Buffer): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: ociManifest,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(configBytes), size: configBytes.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(layer), size: layer.length }],
    }),
  );
}

async function listen(server: http.Server | https.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server | https.Server | undefined): Promise<void> {
  if (server === undefined) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('against the distribution registry', () => {
  let registry: DistributionRegistry;
  before(async () => {
    registry = await startDistributionRegistry();
  });
  after(() => registry?.stop());

  const client = (): RegistryClient => new RegistryClient(registry.domain, undefined, { monolithicUploadMaxBytes: 4096, uploadChunkBytes: 4096, tagPageSize: 2 });

  it('uploads in one PUT and in chunks, and reads blobs whole and from an offset', async () => {
    const repo = client().repository('team/a', 'push');
    const small = Buffer.from('a small blob');
    const large = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
    for (const [blob, progress] of [
      [small, [small.length]],
      [large, [4096, 8192, 10_000]],
    ] as const) {
      const sent: number[] = [];
      assert.equal(await repo.hasBlob(sha(blob)), false);
      await push(repo, blob, (n) => sent.push(n));
      assert.equal(await repo.hasBlob(sha(blob)), true);
      assert.equal(sent.at(-1), blob.length);
      // the large one went as three PATCHes of at most 4096 bytes
      if (blob === large) assert.deepEqual(sent, progress);
    }
    const desc = { digest: sha(large), size: large.length };
    assert.deepEqual(await readAll(await repo.blob(desc)), large);
    assert.deepEqual(await readAll(await repo.blob(desc, 6000)), large.subarray(6000));
    assert.deepEqual(await readAll(await repo.blob(desc, large.length)), Buffer.alloc(0));
    // a local source that is not what its descriptor says is not sent
    await assert.rejects(repo.pushBlob({ digest: sha(Buffer.from('other')), size: small.length }, () => Readable.from([small])), /digest mismatch/);
    await assert.rejects(repo.pushBlob({ digest: sha(large), size: large.length }, () => Readable.from([large.subarray(1)])), /sent 9999 of its 10000 bytes/);
  });

  it('puts manifests by tag and digest, gets them back, lists tags page by page', async () => {
    const repo = client().repository('team/m', 'push');
    const layer = Buffer.from('layer of m');
    await push(repo, layer);
    await push(repo, configBytes);
    const manifest = manifestFor(layer);
    for (const tag of ['1', '2', '3', 'latest']) assert.equal(await repo.putManifest(tag, manifest, ociManifest), sha(manifest));
    assert.equal(await repo.putManifest(sha(manifest), manifest, ociManifest), sha(manifest));
    await assert.rejects(repo.putManifest(sha(Buffer.from('x')), manifest, ociManifest), InvalidArgument);
    assert.deepEqual(await repo.manifest('2', [ociManifest]), { bytes: manifest, mediaType: ociManifest, digest: sha(manifest) });
    assert.deepEqual(await repo.manifest(sha(manifest), [ociManifest]), { bytes: manifest, mediaType: ociManifest, digest: sha(manifest) });
    // pages of two
    assert.deepEqual((await repo.tags()).sort(), ['1', '2', '3', 'latest']);
  });

  it('mounts across repositories; a declined mount leaves a session pushBlob uses', async () => {
    const c = client();
    const from = c.repository('team/src', 'push');
    const to = c.repository('team/dst', 'push');
    const blob = Buffer.from('mounted blob');
    await push(from, blob);
    assert.equal(await to.mountBlob(sha(blob), 'team/src'), true);
    assert.equal(await to.hasBlob(sha(blob)), true);
    const elsewhere = Buffer.from('not in team/src');
    assert.equal(await to.mountBlob(sha(elsewhere), 'team/src'), false);
    await push(to, elsewhere);
    assert.deepEqual(await readAll(await to.blob({ digest: sha(elsewhere), size: elsewhere.length })), elsewhere);
  });

  it('says NotFound for what it does not have, and refuses malformed names before asking', async () => {
    const repo = client().repository('team/none', 'pull');
    await assert.rejects(repo.manifest('nope', [ociManifest]), (err: unknown) => err instanceof NotFound && /^(manifest|name) unknown: /.test(err.message));
    await assert.rejects(repo.blob({ digest: sha(Buffer.from('nowhere')), size: 7 }), NotFound);
    await assert.rejects(repo.tags(), (err: unknown) => err instanceof NotFound && err.message === 'name unknown: repository name not known to registry');
    assert.throws(() => client().repository('../x', 'pull'), InvalidArgument);
    await assert.rejects(repo.manifest('a/../../b', []), InvalidArgument);
    assert.deepEqual(await client().login(), {});
  });
});

describe('basic auth (htpasswd) on the distribution registry', () => {
  let registry: DistributionRegistry;
  before(async () => {
    registry = await startDistributionRegistry({ htpasswd: { user: 'alice', password: 'wonderland' } });
  });
  after(() => registry?.stop());

  it('logs in and pushes with the password; a wrong one and none are Unauthorized', async () => {
    assert.deepEqual(await new RegistryClient(registry.domain, { username: 'alice', password: 'wonderland' }).login(), {});
    // config.json's form of the credentials
    const encoded = Buffer.from('alice:wonderland').toString('base64');
    await new RegistryClient(registry.domain, { auth: encoded }).login();
    await assert.rejects(
      new RegistryClient(registry.domain, { username: 'alice', password: 'queen' }).login(),
      (err: unknown) => err instanceof Unauthorized && err.message === `login attempt to http://${registry.domain}/v2/ failed with status: 401 Unauthorized`,
    );
    await assert.rejects(
      new RegistryClient(registry.domain, undefined).repository('x', 'pull').tags(),
      (err: unknown) => err instanceof Unauthorized && err.message === 'unauthorized: authentication required',
    );
    const repo = new RegistryClient(registry.domain, { username: 'alice', password: 'wonderland' }, { monolithicUploadMaxBytes: 10, uploadChunkBytes: 10 }).repository('x', 'push');
    const blob = Buffer.from('basic, in chunks of ten');
    await push(repo, blob);
    assert.equal(await repo.hasBlob(sha(blob)), true);
  });
});

describe('token auth on the distribution registry (RS256 JWTs, as Docker Hub)', () => {
  let tokens: TokenServer;
  let registry: DistributionRegistry;
  before(async () => {
    tokens = await startTokenServer({ alice: { password: 'wonderland', actions: ['pull', 'push'] }, bob: { password: 'builder', actions: ['pull'] } });
    registry = await startDistributionRegistry({ token: tokens });
  });
  after(async () => {
    await registry?.stop();
    await tokens?.stop();
  });

  it('login gives an identity token; tokens are asked once per scope; an identity token logs in and pushes', async () => {
    const alice = new RegistryClient(registry.domain, { username: 'alice', password: 'wonderland' });
    const { identityToken } = await alice.login();
    assert.ok(identityToken !== undefined && identityToken.length > 0);
    assert.deepEqual(tokens.requests.at(-1), { method: 'GET', account: 'alice', scopes: [], offline: true });

    tokens.requests.length = 0;
    const repo = alice.repository('team/x', 'push');
    const blobs = [Buffer.from('bearer one'), Buffer.from('bearer two'), configBytes];
    for (const blob of blobs) await push(repo, blob);
    assert.equal(await repo.hasBlob(sha(blobs[0]!)), true);
    const manifest = manifestFor(blobs[0]!);
    await repo.putManifest('v1', manifest, ociManifest);
    assert.deepEqual(tokens.requests, [{ method: 'GET', account: 'alice', scopes: ['repository:team/x:pull,push'], offline: false }]);

    // a mount asks for both repositories at once
    assert.equal(await alice.repository('team/y', 'push').mountBlob(sha(blobs[0]!), 'team/x'), true);
    assert.deepEqual(tokens.requests.at(-1)?.scopes, ['repository:team/y:pull,push', 'repository:team/x:pull']);

    tokens.requests.length = 0;
    const byIdentity = new RegistryClient(registry.domain, { identitytoken: identityToken });
    await byIdentity.login();
    const pulled = await byIdentity.repository('team/x', 'pull').manifest('v1', [ociManifest]);
    assert.equal(pulled.digest, sha(manifest));
    assert.ok(tokens.requests.length > 0 && tokens.requests.every((r: TokenRequest) => r.method === 'POST' && r.grant === 'refresh_token'), JSON.stringify(tokens.requests));
  });

  it('a wrong password, a user who may only pull, and no credentials each get their error', async () => {
    await assert.rejects(
      new RegistryClient(registry.domain, { username: 'bob', password: 'wrong' }).login(),
      (err: unknown) => err instanceof Unauthorized && err.message === 'unauthorized: incorrect username or password',
    );
    const blob = Buffer.from('bob may not push this');
    await assert.rejects(push(new RegistryClient(registry.domain, { username: 'bob', password: 'builder' }).repository('team/x', 'push'), blob), (err: unknown) => {
      assert.ok(err instanceof PermissionDenied, String(err));
      assert.match(err.message, /^denied: requested access to the resource is denied/);
      return true;
    });
    // the anonymous token grants nothing: the registry's insufficient_scope, as docker prints it
    await assert.rejects(
      new RegistryClient(registry.domain, undefined).repository('team/x', 'pull').manifest('v1', [ociManifest]),
      (err: unknown) => err instanceof PermissionDenied && err.message.startsWith('denied: requested access to the resource is denied'),
    );
  });
});

describe('a registry that misbehaves', () => {
  let registry: http.Server;
  let storage: http.Server;
  let domain: string;
  let storageHost: string;
  const seen: { url: string; authorization?: string; range?: string }[] = [];
  const blob = Buffer.from('fourteen bytes');
  const size = blob.length;
  const good = sha(blob);
  const wrong = sha(Buffer.from('wrong'));
  const short = sha(Buffer.from('short'));
  const cut = sha(Buffer.from('cut'));
  const stalls = sha(Buffer.from('stalls'));
  const redirected = sha(Buffer.from('redirected'));
  const huge = Buffer.alloc(5 << 20, 0x20);
  const malformed = Buffer.from('{"schemaVersion": 2, "layers": [');

  before(async () => {
    storage = http.createServer((req, res) => {
      seen.push({ url: `storage${req.url}`, ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}) });
      res.writeHead(200, { 'content-length': size }).end(blob);
    });
    storageHost = await listen(storage);
    registry = http.createServer((req, res) => {
      const url = req.url ?? '';
      seen.push({ url, ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}), ...(req.headers.range !== undefined ? { range: req.headers.range } : {}) });
      if (url === '/v2/') return res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${domain}/token",service="hostile"` }).end();
      if (url.startsWith('/token?')) return res.writeHead(200).end(JSON.stringify({ token: 'anonymous-token' }));
      if (url.endsWith('/manifests/huge')) return res.writeHead(200, { 'content-type': ociManifest }).end(huge);
      if (url.endsWith('/manifests/huge-chunked')) {
        res.writeHead(200, { 'content-type': ociManifest });
        for (let i = 0; i < 5; i++) res.write(huge.subarray(0, 1 << 20));
        return res.end();
      }
      if (url.endsWith('/manifests/malformed')) return res.writeHead(200, { 'content-type': 'application/json' }).end(malformed);
      if (url.endsWith('/manifests/wrong-digest')) return res.writeHead(200, { 'docker-content-digest': sha(Buffer.from('else')) }).end('{}');
      if (url.endsWith('/manifests/stalls')) return; // never answers
      if (url.endsWith(`/blobs/${good}`)) return res.writeHead(200, { 'content-length': size }).end(blob); // ignores Range
      if (url.endsWith(`/blobs/${wrong}`)) return res.writeHead(200, { 'content-length': size }).end(Buffer.alloc(size, 1));
      if (url.endsWith(`/blobs/${short}`)) return res.writeHead(200).end(Buffer.alloc(5, 1));
      if (url.endsWith(`/blobs/${redirected}`)) return res.writeHead(307, { location: `http://${storageHost}/bucket/object?sig=1` }).end();
      if (url.endsWith(`/blobs/${cut}`) || url.endsWith(`/blobs/${stalls}`)) {
        res.writeHead(200, { 'content-length': size });
        res.write(blob.subarray(0, 5));
        if (url.endsWith(`/blobs/${cut}`)) setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(404).end();
    });
    domain = await listen(registry);
  });
  after(async () => {
    await close(registry);
    await close(storage);
  });

  const repo = (): Repository => new RegistryClient(domain, undefined, { idleTimeoutMs: 300 }).repository('x', 'pull');

  it('a blob of wrong bytes, a short one, one cut off and one that stalls each error, naming the digest', async () => {
    const r = repo();
    for (const [digest, Class, message] of [
      [wrong, InvalidArgument, /digest mismatch/],
      [short, InvalidArgument, /sent 5 of its 14 bytes/],
      [cut, Unavailable, /connection to the registry broke/],
      [stalls, Unavailable, /no data for 0.3 s/],
    ] as const) {
      await assert.rejects(readAll(await r.blob({ digest, size })), (err: unknown) => {
        assert.ok(err instanceof Class && err.message.startsWith(`blob ${digest}: `) && message.test(err.message), String(err));
        return true;
      });
    }
  });

  it('skips to the offset when Range is ignored; follows a redirect without the Authorization', async () => {
    const r = repo();
    seen.length = 0;
    assert.deepEqual(await readAll(await r.blob({ digest: good, size }, 9)), blob.subarray(9));
    assert.deepEqual(seen.at(-1), { url: `/v2/x/blobs/${good}`, authorization: 'Bearer anonymous-token', range: 'bytes=9-' });
    assert.deepEqual(await readAll(await r.blob({ digest: redirected, size })).catch((e: Error) => e.message), `blob ${redirected}: digest mismatch: the registry sent content of digest ${good}`);
    assert.deepEqual(seen.slice(-2), [{ url: `/v2/x/blobs/${redirected}`, authorization: 'Bearer anonymous-token' }, { url: 'storage/bucket/object?sig=1' }]);
    // one token for every request of the scope
    assert.equal(seen.filter((s) => s.url.startsWith('/token?')).length, 1);
  });

  it('a registry token goes as the bearer, without asking the realm', async () => {
    seen.length = 0;
    await new RegistryClient(domain, { registrytoken: 'given' }).repository('x', 'pull').hasBlob(good);
    assert.deepEqual(seen.map((s) => s.authorization), [undefined, 'Bearer given']);
  });

  it('manifests over 4 MiB (declared or not) are refused; a malformed one is returned as bytes; a stall fails', async () => {
    const r = repo();
    await assert.rejects(r.manifest('huge', []), (err: unknown) => err instanceof InvalidArgument && /over the limit of 4194304/.test(err.message));
    await assert.rejects(r.manifest('huge-chunked', []), (err: unknown) => err instanceof InvalidArgument && /over the limit of 4194304/.test(err.message));
    await assert.rejects(r.manifest('wrong-digest', []), (err: unknown) => err instanceof InvalidArgument && /announced sha256:/.test(err.message));
    assert.deepEqual(await r.manifest('malformed', []), { bytes: malformed, mediaType: 'application/json', digest: sha(malformed) });
    await assert.rejects(r.manifest(sha(Buffer.from('x')), []), NotFound);
    await assert.rejects(r.manifest('stalls', []), (err: unknown) => err instanceof Unavailable && /no data for 0.3 s/.test(err.message));
  });

  it('a registry nobody listens at is Unavailable, worded as Go', async () => {
    const gone = http.createServer();
    const free = await listen(gone);
    await close(gone);
    await assert.rejects(
      new RegistryClient(free, undefined).repository('x', 'pull').hasBlob(good),
      (err: unknown) => err instanceof Unavailable && err.message === `Get "http://${free}/v2/": dial tcp ${free}: connect: connection refused`,
    );
  });
});

describe('HTTPS: an insecure registry without certificate checks, with a client certificate from certs.d', () => {
  let dir: string;
  let server: https.Server;
  let domain: string;
  const clients: string[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cais-registry-tls-'));
    const run = promisify(execFile);
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=cais-test-client']);
    server = https.createServer({ key: await readFile(key), cert: await readFile(cert), requestCert: true, rejectUnauthorized: false }, (req, res) => {
      clients.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? 'none'));
      res.writeHead(req.url === '/v2/' ? 200 : 404).end();
    });
    domain = await listen(server);
    await mkdir(join(dir, 'certs.d', domain), { recursive: true });
    await writeFile(join(dir, 'certs.d', domain, 'client.cert'), await readFile(cert));
    await writeFile(join(dir, 'certs.d', domain, 'client.key'), await readFile(key));
  });
  after(async () => {
    await close(server);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('speaks HTTPS to a loopback registry with a self-signed certificate, presenting the client certificate', async () => {
    const client = new RegistryClient(domain, undefined, { certsDir: join(dir, 'certs.d') });
    assert.equal(await client.repository('x', 'pull').hasBlob(sha(Buffer.from('none'))), false);
    assert.deepEqual(clients, ['cais-test-client', 'cais-test-client']);
    await writeFile(join(dir, 'certs.d', domain, 'lonely.key'), 'x');
    await assert.rejects(new RegistryClient(domain, undefined, { certsDir: join(dir, 'certs.d') }).login(), /missing client certificate lonely.cert/);
  });
});
