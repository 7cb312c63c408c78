// cais push and pull through a cais daemon against the CNCF distribution
// registry (Debian's docker-registry, a registry nobody here wrote): what
// travels and what is skipped, digests kept byte for byte, login with
// htpasswd credentials, and a hostile registry that leaves the store as it
// was.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clis } from '../support/cli.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { type DistributionRegistry, startDistributionRegistry } from '../support/distribution-registry.js';
import { busyboxRootfs } from '../support/images.js';

let daemon: TestDaemon;
let registry: DistributionRegistry;
let work: string;
let env: NodeJS.ProcessEnv;
const { cais } = clis(() => env);

async function ok(args: string[], input?: Buffer): Promise<string> {
  const r = await cais(args, input);
  assert.equal(r.code, 0, `cais ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function blobFiles(): Promise<string[]> {
  return (await readdir(join(daemon.dataRoot, 'content', 'blobs', 'sha256'))).sort();
}

before(async () => {
  daemon = await startDaemon();
  registry = await startDistributionRegistry();
  work = await mkdtemp(join(tmpdir(), 'cais-registry-'));
  env = { ...process.env, CAIS_HOST: daemon.host, DOCKER_CONFIG: work };
  await ok(['import', '-c', 'CMD ["/bin/sh"]', '-', 'bb:1'], await busyboxRootfs());
});

after(async () => {
  await daemon?.stop();
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('push and pull against the distribution registry', () => {
  it('pushes every blob once, then only the manifest; a pull gets the same digests back', async () => {
    const name = `${registry.domain}/team/bb:1`;
    await ok(['tag', 'bb:1', name]);
    const first = await ok(['push', name]);
    assert.match(first, new RegExp(`^The push refers to repository \\[${registry.domain}/team/bb\\]\\n`));
    assert.match(first, /: Pushed\n/);
    const digest = /^1: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(first)?.[1];
    assert.ok(digest, first);
    const again = await ok(['push', name]);
    assert.match(again, /: Layer already exists\n/);
    assert.doesNotMatch(again, /Pushed/);

    const id = (await ok(['image', 'inspect', '-f', '{{.Id}}', name])).trim();
    await ok(['rmi', name, 'bb:1']);
    const pulled = await ok(['pull', name]);
    assert.match(pulled, /Pull complete/);
    assert.match(pulled, new RegExp(`Digest: ${digest}\\n`));
    assert.match(pulled, new RegExp(`Status: Downloaded newer image for ${name}\\n${name}\\n$`));
    assert.equal((await ok(['image', 'inspect', '-f', '{{.Id}}', name])).trim(), id);
    assert.equal((await ok(['image', 'inspect', '-f', '{{index .RepoDigests 0}}', name])).trim(), `${registry.domain}/team/bb@${digest}`);
    assert.match(await ok(['pull', name]), /Status: Image is up to date for/);
    // by digest
    await ok(['pull', '-q', `${registry.domain}/team/bb@${digest}`]);
    // the pulled image runs... its files are the pushed ones: the layer's diff id is the image's
    await ok(['tag', name, 'bb:1']);
  });

  it('mounts a blob from another repository of the same registry instead of sending it', async () => {
    const other = `${registry.domain}/team/copy:1`;
    await ok(['tag', `${registry.domain}/team/bb:1`, other]);
    const out = await ok(['push', other]);
    assert.match(out, /: Mounted from team\/bb\n/);
  });

  it('--all-tags pushes every local tag of a repository and pulls every tag the registry has', async () => {
    const repo = `${registry.domain}/team/many`;
    for (const tag of ['a', 'b']) await ok(['tag', 'bb:1', `${repo}:${tag}`]);
    const pushed = await ok(['push', '--all-tags', repo]);
    assert.match(pushed, /^a: digest: sha256:[0-9a-f]{64} size: \d+$/m);
    assert.match(pushed, /^b: digest: sha256:[0-9a-f]{64} size: \d+$/m);
    await ok(['rmi', `${repo}:a`, `${repo}:b`]);
    const pulled = await ok(['pull', '--all-tags', repo]);
    assert.match(pulled, /Status: Downloaded newer image for .*many:a\n/);
    assert.match(pulled, /Status: Downloaded newer image for .*many:b\n/);
    const tags = await ok(['images', '--format', '{{.Tag}}', repo]);
    assert.deepEqual(tags.trim().split('\n').sort(), ['a', 'b']);
  });

  it('a tag the registry lacks is an error in docker\'s words, and nothing changes', async () => {
    const before = await blobFiles();
    const r = await cais(['pull', `${registry.domain}/team/bb:nope`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`manifest for ${registry.domain}/team/bb:nope not found: `));
    assert.deepEqual(await blobFiles(), before);
  });
});

describe('a registry that lies', () => {
  let server: http.Server;
  let domain: string;
  const layer = Buffer.from('not the layer the manifest names');
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${'0'.repeat(64)}`] } }));
  const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const claimed = `sha256:${'a'.repeat(64)}`;

  before(async () => {
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: claimed, size: layer.length }],
      }),
    );
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url === '/v2/') return res.writeHead(200).end('{}');
      if (url.endsWith('/manifests/bad')) {
        return res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Content-Length': manifest.length }).end(manifest);
      }
      if (url.endsWith(`/blobs/${sha(config)}`)) return res.writeHead(200, { 'Content-Length': config.length }).end(config);
      if (url.endsWith(`/blobs/${claimed}`)) return res.writeHead(200, { 'Content-Length': layer.length }).end(layer);
      if (url.endsWith('/manifests/cut')) {
        // a connection dropped mid-body
        res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Content-Length': manifest.length });
        res.write(manifest.subarray(0, 20));
        return setTimeout(() => res.socket?.destroy(), 10);
      }
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a blob that does not match its digest and a dropped connection each fail and leave the store as it was', async () => {
    const blobs = await blobFiles();
    const images = await ok(['images', '-q', '--no-trunc']);
    const bad = await cais(['pull', `${domain}/x:bad`]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /digest/i);
    const cut = await cais(['pull', `${domain}/x:cut`]);
    assert.equal(cut.code, 1);
    assert.notEqual(cut.stderr, '');
    assert.deepEqual(await blobFiles(), blobs);
    assert.equal(await ok(['images', '-q', '--no-trunc']), images);
  });
});

describe('login against a registry with htpasswd', () => {
  let secured: DistributionRegistry;
  before(async () => {
    secured = await startDistributionRegistry({ htpasswd: { user: 'alice', password: 'wonderland' } });
  });
  after(() => secured?.stop());

  it('refuses a push without credentials and a wrong password; works after login, until logout', async () => {
    const name = `${secured.domain}/alice/bb:1`;
    await ok(['tag', 'bb:1', name]);
    const anonymous = await cais(['push', name]);
    assert.equal(anonymous.code, 1);
    assert.match(anonymous.stderr, /unauthorized|authentication required/i);

    const wrong = await cais(['login', '-u', 'alice', '--password-stdin', secured.domain], Buffer.from('queen\n'));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /unauthorized|incorrect username or password/i);

    const login = await cais(['login', '-u', 'alice', '--password-stdin', secured.domain], Buffer.from('wonderland\n'));
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Login Succeeded\n$/);
    assert.match(login.stderr, /WARNING! Your credentials are stored unencrypted/);
    assert.match(await ok(['push', name]), /: Pushed\n/);
    await ok(['rmi', name]);
    assert.match(await ok(['pull', name]), /Downloaded newer image/);

    assert.equal(await ok(['logout', secured.domain]), `Removing login credentials for ${secured.domain}\n`);
    assert.equal(await ok(['logout', secured.domain]), `Not logged in to ${secured.domain}\n`);
    const after = await cais(['pull', `${secured.domain}/alice/bb:1`]);
    assert.equal(after.code, 1);
  });
});
