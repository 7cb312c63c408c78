// skopeo 1.9 against `cais registry serve` (bin/cais, a child process):
// copies of an OCI layout and a docker-archive made here go in and come back
// out byte for byte; inspect, list-tags and delete; basic auth with
// --dest-creds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import bcrypt from 'bcryptjs';
import { makeTar } from '../support/images.js';
import { run, runOk } from '../support/exec.js';

const cais = fileURLToPath(new URL('../../../bin/cais', import.meta.url));

interface ServedRegistry {
  address: string;
  child: ChildProcess;
  stderr: () => string;
}

let work: string;
const children: ChildProcess[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'cais-registry-skopeo-'));
});
after(async () => {
  for (const child of children) await stopChild(child);
  await rm(work, { recursive: true, force: true });
});

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Starts `cais registry serve` on a free port and waits for its address. */
async function serve(args: string[]): Promise<ServedRegistry> {
  const child = spawn(cais, ['registry', 'serve', '--addr', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)\n/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`cais registry serve exited ${code}: ${err}`)));
  });
  return { address, child, stderr: () => err };
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An OCI layout with one image (a gzipped layer, its config, its manifest) tagged `tag`. */
async function makeLayout(dir: string, tag: string): Promise<{ manifest: string; blobs: string[] }> {
  const layer = gzipSync(await makeTar([{ name: 'hello.txt', content: 'hello from cais\n' }, { name: 'etc/', type: 'directory' }]));
  const diffId = `sha256:${sha256(await makeTar([{ name: 'hello.txt', content: 'hello from cais\n' }, { name: 'etc/', type: 'directory' }]))}`;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: ['/hello'] }, rootfs: { type: 'layers', diff_ids: [diffId] } }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(config)}`, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha256(layer)}`, size: layer.length }],
  }));
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const blob of [layer, config, manifest]) await writeFile(join(dir, 'blobs', 'sha256', sha256(blob)), blob);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha256(manifest)}`, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
  return { manifest: `sha256:${sha256(manifest)}`, blobs: [layer, config, manifest].map(sha256).sort() };
}

/** The files under an OCI layout's blobs/sha256, by name and content. */
async function layoutBlobs(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of await readdir(join(dir, 'blobs', 'sha256'))) out.set(name, await readFile(join(dir, 'blobs', 'sha256', name)));
  return out;
}

const insecure = ['--tls-verify=false'];

test('an OCI layout goes in and comes back out byte for byte; inspect, list-tags, delete', async () => {
  const registry = await serve(['--root', join(work, 'open-root')]);
  const source = join(work, 'layout');
  const made = await makeLayout(source, 'v1');
  const ref = `docker://${registry.address}/cais/hello:v1`;
  await runOk('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${source}:v1`, ref]);
  await runOk('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${source}:v1`, `docker://${registry.address}/cais/hello:v2`]);

  const inspect = JSON.parse(await runOk('skopeo', ['inspect', ...insecure, ref]));
  assert.equal(inspect.Digest, made.manifest);
  assert.deepEqual(inspect.RepoTags, ['v1', 'v2']);
  const raw = await runOk('skopeo', ['inspect', ...insecure, '--raw', ref]);
  assert.equal(`sha256:${sha256(raw)}`, made.manifest);
  const tags = JSON.parse(await runOk('skopeo', ['list-tags', ...insecure, `docker://${registry.address}/cais/hello`]));
  assert.deepEqual(tags.Tags, ['v1', 'v2']);

  const back = join(work, 'back');
  await runOk('skopeo', ['copy', '--quiet', '--src-tls-verify=false', ref, `oci:${back}:v1`]);
  const sent = await layoutBlobs(source);
  const received = await layoutBlobs(back);
  assert.deepEqual([...received.keys()].sort(), made.blobs);
  for (const [name, data] of sent) assert.ok(received.get(name)?.equals(data), `blob ${name} differs`);

  await runOk('skopeo', ['delete', ...insecure, ref]);
  const gone = await run('skopeo', ['inspect', ...insecure, ref]);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /manifest unknown/i);
  // Deleting by digest removed every tag of that manifest.
  const left = JSON.parse(await runOk('skopeo', ['list-tags', ...insecure, `docker://${registry.address}/cais/hello`]));
  assert.deepEqual(left.Tags, []);
  // One line per request on stderr.
  assert.match(registry.stderr(), /"PUT \/v2\/cais\/hello\/manifests\/v1 HTTP\/1\.1" 201 /);
});

test('a docker-archive goes in as a schema2 image and comes back with the same layers', async () => {
  const registry = await serve(['--root', join(work, 'archive-root')]);
  const layerTar = await makeTar([{ name: 'data.txt', content: 'from a docker-archive\n' }]);
  const diffId = `sha256:${sha256(layerTar)}`;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] } }));
  const archive = await makeTar([
    { name: `${sha256(config)}.json`, content: config },
    { name: `${sha256(layerTar)}/layer.tar`, content: layerTar },
    { name: 'manifest.json', content: JSON.stringify([{ Config: `${sha256(config)}.json`, RepoTags: ['archive:latest'], Layers: [`${sha256(layerTar)}/layer.tar`] }]) },
  ]);
  const file = join(work, 'archive.tar');
  await writeFile(file, archive);
  const ref = `docker://${registry.address}/from/archive:latest`;
  await runOk('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `docker-archive:${file}`, ref]);
  const manifest = JSON.parse(await runOk('skopeo', ['inspect', ...insecure, '--raw', ref]));
  assert.equal(manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  assert.equal(manifest.config.digest, `sha256:${sha256(config)}`);
  const inspect = JSON.parse(await runOk('skopeo', ['inspect', ...insecure, ref]));
  assert.equal(inspect.Layers.length, 1);

  const out = join(work, 'archive-out.tar');
  await runOk('skopeo', ['copy', '--quiet', '--src-tls-verify=false', ref, `docker-archive:${out}:archive:latest`]);
  const again = JSON.parse(await runOk('skopeo', ['inspect', '--config', '--raw', `docker-archive:${out}`]));
  assert.deepEqual(again.rootfs.diff_ids, [diffId]);
});

test('basic auth: --dest-creds pushes, no or wrong credentials are refused', async () => {
  const htpasswd = join(work, 'htpasswd');
  await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5).replace(/^\$2b\$/, '$2y$')}\n`);
  const registry = await serve(['--root', join(work, 'auth-root'), '--htpasswd', htpasswd]);
  const source = join(work, 'auth-layout');
  const made = await makeLayout(source, 'v1');
  const ref = `docker://${registry.address}/private/app:v1`;
  // A fresh auth file, so no credentials of the host's logins are used.
  const authfile = ['--authfile', join(work, 'no-auth.json')];
  await writeFile(join(work, 'no-auth.json'), '{}');

  const anonymous = await run('skopeo', ['copy', '--quiet', ...authfile, '--dest-tls-verify=false', `oci:${source}:v1`, ref]);
  assert.notEqual(anonymous.code, 0);
  assert.match(anonymous.stderr, /unauthorized|authentication required/i);
  const wrong = await run('skopeo', ['copy', '--quiet', ...authfile, '--dest-tls-verify=false', '--dest-creds', 'alice:nope', `oci:${source}:v1`, ref]);
  assert.notEqual(wrong.code, 0);

  await runOk('skopeo', ['copy', '--quiet', ...authfile, '--dest-tls-verify=false', '--dest-creds', 'alice:wonderland', `oci:${source}:v1`, ref]);
  const inspect = JSON.parse(await runOk('skopeo', ['inspect', ...authfile, ...insecure, '--creds', 'alice:wonderland', ref]));
  assert.equal(inspect.Digest, made.manifest);
  const denied = await run('skopeo', ['inspect', ...authfile, ...insecure, ref]);
  assert.notEqual(denied.code, 0);
});
