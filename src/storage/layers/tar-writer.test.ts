// tarTree: names and types as moby writes them, whiteouts of an upper
// directory as OCI ones, and a round trip through the layer unpacker that
// keeps contents, hard links, long names and security.capability. Runs as root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S_IFCHR, lgetxattr, lsetxattr, mknod } from '../../sys/index.js';
import { tempLayerStore } from './test-support.js';
import { tarTree } from './tar-writer.js';

async function bytes(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const list = (tar: Buffer): string[] => execFileSync('tar', ['t'], { input: tar }).toString().trim().split('\n');

async function tree(t: { after(fn: () => void): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-tar-writer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'd/opaque'), { recursive: true });
  writeFileSync(join(dir, 'd/file'), 'content');
  linkSync(join(dir, 'd/file'), join(dir, 'd/hard'));
  symlinkSync('/etc/passwd', join(dir, 'link'));
  writeFileSync(join(dir, `${'n'.repeat(150)}`), 'long');
  mknod(join(dir, 'd/gone'), S_IFCHR, 0, 0);
  lsetxattr(join(dir, 'd/opaque'), 'trusted.overlay.opaque', Buffer.from('y'));
  return dir;
}

test('a tree is archived without its root, sorted, directories with a slash, a second hard link as a link', async (t) => {
  const dir = await tree(t);
  const tar = await bytes(tarTree(dir));
  assert.deepEqual(list(tar), ['d/', 'd/file', 'd/gone', 'd/hard', 'd/opaque/', 'link', 'n'.repeat(150)]);
  const verbose = execFileSync('tar', ['tv', '--numeric-owner'], { input: tar }).toString();
  assert.match(verbose, /^hrw-r--r-- 0\/0 +0 .* d\/hard link to d\/file$/m);
  assert.match(verbose, /^lrwxrwxrwx .* link -> \/etc\/passwd$/m);
  assert.match(verbose, /^c--------- 0\/0 +0,0 .* d\/gone$/m);
});

test('with a top name, entries are named from it; one file is one entry', async (t) => {
  const dir = await tree(t);
  assert.deepEqual(list(await bytes(tarTree(join(dir, 'd'), { topName: 'x' })))[0], 'x/');
  assert.deepEqual(list(await bytes(tarTree(join(dir, 'd'), { topName: '.' }))).slice(0, 2), ['./', './file']);
  assert.deepEqual(list(await bytes(tarTree(join(dir, 'd'), { topName: '' }))).slice(0, 2), ['/', '/file']);
  assert.deepEqual(list(await bytes(tarTree(join(dir, 'd/file'), { topName: 'file' }))), ['file']);
});

test('an upper directory becomes an OCI layer: whiteouts and opaque markers; it unpacks back to the same tree', async (t) => {
  const dir = await tree(t);
  const capability = Buffer.from([1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  lsetxattr(join(dir, 'd/file'), 'security.capability', capability);
  const tar = await bytes(tarTree(dir, { whiteouts: true }));
  assert.deepEqual(list(tar), ['d/', 'd/file', 'd/.wh.gone', 'd/hard', 'd/opaque/', 'd/opaque/.wh..wh..opq', 'link', 'n'.repeat(150)]);
  const { store } = await tempLayerStore(t);
  const layer = await store.commit(await store.unpack(tarTree(dir, { whiteouts: true })), null);
  const diff = store.diffPath(layer.chainId);
  assert.equal(readFileSync(join(diff, 'd/file'), 'utf8'), 'content');
  assert.equal(lstatSync(join(diff, 'd/hard')).ino, lstatSync(join(diff, 'd/file')).ino);
  assert.equal(readFileSync(join(diff, 'n'.repeat(150)), 'utf8'), 'long');
  assert.equal(lstatSync(join(diff, 'd/gone')).rdev, 0);
  assert.ok(lstatSync(join(diff, 'd/gone')).isCharacterDevice());
  assert.equal(lgetxattr(join(diff, 'd/opaque'), 'trusted.overlay.opaque')?.toString(), 'y');
  assert.deepEqual(lgetxattr(join(diff, 'd/file'), 'security.capability'), capability);
  await store.remove(layer.chainId);
});

test('with an owner, every entry has it (docker build sends 0:0)', async (t) => {
  const dir = await tree(t);
  execFileSync('chown', ['-hR', '1234:5678', dir]);
  const verbose = execFileSync('tar', ['tv', '--numeric-owner'], { input: await bytes(tarTree(dir, { owner: { uid: 0, gid: 0 } })) });
  assert.doesNotMatch(verbose.toString(), /1234|5678/);
  assert.match(execFileSync('tar', ['tv', '--numeric-owner'], { input: await bytes(tarTree(dir)) }).toString(), /1234\/5678/);
});

test('an empty directory is the empty tar (1024 zero bytes), whose digest Docker treats as no layer', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cais-tar-writer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(await bytes(tarTree(dir)), Buffer.alloc(1024));
});
