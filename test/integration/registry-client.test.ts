// The distribution client against the CNCF distribution registry (Debian's
// docker-registry) and `cais registry serve`: monolithic and chunked
// uploads, mounts, manifests by tag and digest, tag pages, auth; and against
// servers written here to lie: wrong bytes, short bodies, a dropped
// connection, an oversized manifest.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { InvalidArgument, NotFound, PermissionDenied, Unauthorized, type Digest } from '../../src/common/index.js';
import { RegistryClient } from '../../src/registry/index.js';
import { serveRegistry, type RunningRegistry } from '../../src/registry/server/index.js';
import { type DistributionRegistry, startDistributionRegistry } from '../support/distribution-registry.js';

const sha = (b: Buffer): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const configBytes = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');

function manifestFor(layer: Buffer): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(configBytes), size: configBytes.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(layer), size: layer.length }],
    }),
  );
}

describe('against the distribution registry', () => {
  let registry: DistributionRegistry;
  before(async () => {
    registry = await startDistributionRegistry();
  });
  after(() => registry?.stop());

  it('uploads in one PUT and in chunks, mounts, puts and gets manifests, lists tags page by page', async () => {
    const client = new RegistryClient(registry.domain, undefined, { chunkBytes: 4096, tagPageSize: 2 });
    const repo = client.repository('team/a', 'push');
    const small = Buffer.from('a small blob');
    const large = Buffer.alloc(10_000, 7);
    const sent: number[] = [];
    for (const blob of [small, large, configBytes]) {
      assert.equal(await repo.hasBlob(sha(blob)), false);
      await repo.pushBlob({ digest: sha(blob), size: blob.length }, () => Readable.from([blob]), (n) => sent.push(n));
      assert.equal(await repo.hasBlob(sha(blob)), true);
    }
    // the large one went as three PATCHes of at most 4096 bytes
    assert.ok(sent.includes(4096) && sent.includes(8192) && sent.includes(10_000), String(sent));
    assert.deepEqual(await readAll(await repo.blob({ digest: sha(large), size: large.length })), large);

    const manifest = manifestFor(large);
    for (const tag of ['1', '2', '3']) assert.equal(await repo.putManifest(tag, manifest, 'application/vnd.oci.image.manifest.v1+json'), sha(manifest));
    const byTag = await repo.manifest('2', ['application/vnd.oci.image.manifest.v1+json']);
    assert.deepEqual(byTag, { bytes: manifest, mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest) });
    assert.deepEqual((await repo.manifest(sha(manifest), ['application/vnd.oci.image.manifest.v1+json'])).bytes, manifest);
    assert.deepEqual((await repo.tags()).sort(), ['1', '2', '3']);

    const other = client.repository('team/b', 'push');
    assert.equal(await other.mountBlob(sha(large), 'team/a'), true);
    assert.equal(await other.hasBlob(sha(large)), true);
    assert.equal(await other.mountBlob(sha(Buffer.from('nowhere')), 'team/a'), false);

    await assert.rejects(repo.manifest('nope', ['application/vnd.oci.image.manifest.v1+json']), NotFound);
    await assert.rejects(repo.blob({ digest: sha(Buffer.from('nowhere')), size: 7 }), NotFound);
  });
});

describe('auth against cais registry serve', () => {
  let work: string;
  let basic: RunningRegistry;
  let tokens: RunningRegistry;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cais-registry-client-'));
    const htpasswd = join(work, 'htpasswd');
    await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5)}\nbob:${bcrypt.hashSync('builder', 5)}\n`);
    const acl = join(work, 'acl.json');
    await writeFile(acl, JSON.stringify([{ account: 'alice', name: '*', actions: ['pull', 'push'] }, { account: 'bob', name: '*', actions: ['pull'] }]));
    const log = (): void => undefined;
    basic = await serveRegistry({ addr: '127.0.0.1:0', root: join(work, 'basic'), htpasswd, log });
    tokens = await serveRegistry({ addr: '127.0.0.1:0', root: join(work, 'tokens'), htpasswd, auth: 'token', tokenAcl: acl, log });
  });
  after(async () => {
    await basic?.close();
    await tokens?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('basic: login and push with the password; a wrong one and none are Unauthorized', async () => {
    await new RegistryClient(basic.address, { username: 'alice', password: 'wonderland' }).login();
    await assert.rejects(new RegistryClient(basic.address, { username: 'alice', password: 'queen' }).login(), Unauthorized);
    await assert.rejects(new RegistryClient(basic.address, undefined).repository('x', 'pull').tags(), Unauthorized);
    const blob = Buffer.from('basic');
    await new RegistryClient(basic.address, { username: 'alice', password: 'wonderland' }).repository('x', 'push')
      .pushBlob({ digest: sha(blob), size: blob.length }, () => Readable.from([blob]));
  });

  it("bearer: a token for the scopes asked; a user whose grant is pull cannot push", async () => {
    const alice = new RegistryClient(tokens.address, { username: 'alice', password: 'wonderland' });
    await alice.login();
    const blob = Buffer.from('bearer');
    await alice.repository('team/x', 'push').pushBlob({ digest: sha(blob), size: blob.length }, () => Readable.from([blob]));
    const bob = new RegistryClient(tokens.address, { username: 'bob', password: 'builder' });
    assert.equal(await bob.repository('team/x', 'pull').hasBlob(sha(blob)), true);
    await assert.rejects(
      bob.repository('team/x', 'push').pushBlob({ digest: sha(Buffer.from('no')), size: 2 }, () => Readable.from([Buffer.from('no')])),
      (err: unknown) => err instanceof Unauthorized || err instanceof PermissionDenied,
    );
    await assert.rejects(new RegistryClient(tokens.address, { username: 'bob', password: 'wrong' }).login(), Unauthorized);
  });
});

describe('a registry that lies', () => {
  let server: http.Server;
  let domain: string;
  const size = 14;
  // what the server does for a digest asked for
  const wrong = sha(Buffer.from('wrong'));
  const short = sha(Buffer.from('short'));
  const cut = sha(Buffer.from('cut'));
  const huge = Buffer.alloc(5 << 20, 0x20);
  before(async () => {
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url === '/v2/') return res.writeHead(200).end();
      if (url.endsWith('/manifests/huge')) return res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(huge);
      if (url.endsWith('/manifests/wrong-digest')) return res.writeHead(200, { 'Docker-Content-Digest': sha(Buffer.from('else')) }).end('{}');
      if (url.endsWith(`/blobs/${wrong}`)) return res.writeHead(200, { 'Content-Length': size }).end(Buffer.alloc(size, 1));
      if (url.endsWith(`/blobs/${short}`)) return res.writeHead(200).end(Buffer.alloc(5, 1));
      if (url.endsWith(`/blobs/${cut}`)) {
        res.writeHead(200, { 'Content-Length': size });
        res.write(Buffer.alloc(5, 1));
        return setTimeout(() => res.socket?.destroy(), 20);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a blob of the wrong bytes, a short one and one cut off each error instead of ending', async () => {
    const repo = new RegistryClient(domain, undefined).repository('x', 'pull');
    for (const digest of [wrong, short, cut]) {
      await assert.rejects(readAll(await repo.blob({ digest, size })), /blob sha256:/, digest);
    }
  });

  it('a manifest over 4 MiB and one whose digest is not the one announced are refused', async () => {
    const repo = new RegistryClient(domain, undefined).repository('x', 'pull');
    await assert.rejects(repo.manifest('huge', []), InvalidArgument);
    await assert.rejects(repo.manifest('wrong-digest', []), InvalidArgument);
  });
});
