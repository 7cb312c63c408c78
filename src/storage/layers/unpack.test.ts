// Unpacking through LayerStore.unpack: the hostile corpus, a real layer
// written by GNU tar, the three compressions, replacement rules. Runs as root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lchownSync, linkSync, lstatSync, lutimesSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, chownSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Internal, InvalidArgument, type Digest } from '../../common/index.js';
import { S_IFIFO, lgetxattr, lsetxattr, mknod, mount, umount2 } from '../../sys/index.js';
import { hostileTars, paxEntry, rawEntry, rawTar } from '../../../test/support/hostile-tars.js';
import { LayerStore } from './layer-store.js';
import { tempLayerStore } from './test-support.js';

function sha256(data: Buffer): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Docker's size of a directory tree: non-directories by lstat size, each inode once. */
function walkSize(dir: string): number {
  const seen = new Set<number>();
  let size = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stats = lstatSync(join(dir, name));
    if (stats.isDirectory() || seen.has(stats.ino)) continue;
    seen.add(stats.ino);
    size += stats.size;
  }
  return size;
}

async function tempDir(t: { after(fn: () => void): void }, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('every hostile tar is refused or kept inside the root, and nothing is written outside', async (t) => {
  const { store, leftovers } = await tempLayerStore(t);
  const outside = await tempDir(t, 'cais-outside-');
  for (const hostile of hostileTars(outside)) {
    await t.test(hostile.name, async () => {
      if (hostile.contained === undefined) {
        await assert.rejects(store.unpack(Readable.from([hostile.data])), InvalidArgument);
      } else {
        const layer = await store.unpack(Readable.from([hostile.data]));
        const committed = await store.commit(layer, null);
        const landed = lstatSync(join(store.diffPath(committed.chainId), hostile.contained));
        assert.ok(landed.isFile(), `${hostile.contained} is a regular file inside the layer`);
        await store.remove(committed.chainId);
      }
      assert.deepEqual(readdirSync(outside), [], 'nothing outside the root');
      assert.deepEqual(await leftovers(), [], 'no temporary directory left');
      assert.ok(!existsSync('/etc/cais-hostile-evil'));
    });
  }
});

test('refusals name the entry', async (t) => {
  const { store } = await tempLayerStore(t);
  const tar = rawTar(rawEntry({ name: 'fine' }), rawEntry({ name: 'dev/sda', type: '4', devmajor: 8 }));
  await assert.rejects(store.unpack(Readable.from([tar])), /invalid layer: entry "dev\/sda": device nodes are not allowed in layers/);
  const escape = rawTar(rawEntry({ name: 'a/../../evil' }));
  await assert.rejects(store.unpack(Readable.from([escape])), /entry "a\/..\/..\/evil".*escapes the layer root/);
});

const capability = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const binaryValue = Buffer.from([0xff, 0x00, 0x80, 0x7f]);
const fileTime = 1_600_000_000;
const dirTime = 1_500_000_000;

/** A source tree with every kind of entry, archived by GNU tar (PAX, xattrs). */
function gnuTarLayer(src: string): Buffer {
  mkdirSync(join(src, 'd'));
  writeFileSync(join(src, 'd/f'), 'hello');
  chownSync(join(src, 'd/f'), 1234, 5678);
  chmodSync(join(src, 'd/f'), 0o640);
  linkSync(join(src, 'd/f'), join(src, 'd/hard'));
  writeFileSync(join(src, 'setuid'), '#!/bin/sh\n');
  chmodSync(join(src, 'setuid'), 0o4755);
  lsetxattr(join(src, 'setuid'), 'security.capability', capability);
  writeFileSync(join(src, 'binary-xattr'), '');
  lsetxattr(join(src, 'binary-xattr'), 'trusted.cais.test', binaryValue);
  lsetxattr(join(src, 'binary-xattr'), 'user.note', Buffer.from('hello'));
  mkdirSync(join(src, 'sticky'));
  chmodSync(join(src, 'sticky'), 0o1777);
  symlinkSync('d/f', join(src, 'link'));
  lchownSync(join(src, 'link'), 42, 43);
  symlinkSync('/etc/passwd', join(src, 'absolute-link'));
  mknod(join(src, 'fifo'), S_IFIFO | 0o620);
  chmodSync(join(src, 'fifo'), 0o620); // mknod applies the umask
  writeFileSync(join(src, '.wh.gone'), '');
  mkdirSync(join(src, 'opaque'));
  writeFileSync(join(src, 'opaque/.wh..wh..opq'), '');
  writeFileSync(join(src, 'opaque/kept'), 'kept');
  mkdirSync(join(src, 'x'));
  writeFileSync(join(src, 'x/.wh.sub'), '');
  for (const name of readdirSync(src, { recursive: true }) as string[]) {
    const path = join(src, name);
    if (lstatSync(path).isSymbolicLink()) lutimesSync(path, fileTime, fileTime);
    else if (!lstatSync(path).isDirectory()) utimesSync(path, fileTime, fileTime);
  }
  chownSync(join(src, 'd'), 1000, 1000);
  chmodSync(join(src, 'd'), 0o750);
  for (const dir of ['d', 'sticky', 'opaque', 'x']) utimesSync(join(src, dir), dirTime, dirTime);
  return execFileSync('tar', ['--format=posix', '--xattrs', '--xattrs-include=*', '--numeric-owner', '--sort=name', '-C', src, '-cf', '-', '.'], {
    maxBuffer: 1 << 26,
  });
}

test('a real layer keeps its files, modes, owners, times, links, xattrs and whiteouts, in every compression', async (t) => {
  const { store } = await tempLayerStore(t);
  const work = await tempDir(t, 'cais-src-');
  mkdirSync(join(work, 'src'));
  const tar = gnuTarLayer(join(work, 'src'));
  writeFileSync(join(work, 'layer.tar'), tar);
  const gzip = execFileSync('gzip', ['-c', join(work, 'layer.tar')], { maxBuffer: 1 << 26 });
  const zstd = execFileSync('zstd', ['-q', '-c', join(work, 'layer.tar')], { maxBuffer: 1 << 26 });

  const layers = [];
  for (const blob of [tar, gzip, zstd]) {
    // Small chunks: headers and data cross chunk boundaries.
    const chunks = Array.from({ length: Math.ceil(blob.length / 1000) }, (_, i) => blob.subarray(i * 1000, i * 1000 + 1000));
    layers.push(await store.unpack(Readable.from(chunks), { expectedDiffId: sha256(tar) }));
  }
  for (const layer of layers) assert.deepEqual({ ...layer }, { ...layers[0]! });
  assert.equal(layers[0]!.tarSize, tar.length);

  const info = await store.commit(layers[0]!, null);
  for (const layer of layers.slice(1)) await store.discard(layer);
  const root = store.diffPath(info.chainId);
  const at = (name: string) => lstatSync(join(root, name));

  assert.equal(info.size, walkSize(root));
  assert.equal(info.size, 5 + 10 + 0 + 3 + 11 + 4); // d/f (and d/hard), setuid, binary-xattr, link, absolute-link, opaque/kept

  assert.equal(readFileSync(join(root, 'd/f'), 'utf8'), 'hello');
  assert.deepEqual([at('d/f').mode & 0o7777, at('d/f').uid, at('d/f').gid, at('d/f').mtimeMs / 1000], [0o640, 1234, 5678, fileTime]);
  assert.equal(at('d/hard').ino, at('d/f').ino);
  assert.deepEqual([at('d').mode & 0o7777, at('d').uid, at('d').gid, at('d').mtimeMs / 1000], [0o750, 1000, 1000, dirTime]);
  assert.equal(at('setuid').mode & 0o7777, 0o4755);
  assert.deepEqual(lgetxattr(join(root, 'setuid'), 'security.capability'), capability);
  assert.deepEqual(lgetxattr(join(root, 'binary-xattr'), 'trusted.cais.test'), binaryValue);
  assert.deepEqual(lgetxattr(join(root, 'binary-xattr'), 'user.note'), Buffer.from('hello'));
  assert.equal(at('sticky').mode & 0o7777, 0o1777);
  assert.ok(at('link').isSymbolicLink());
  assert.deepEqual([at('link').uid, at('link').gid, at('link').mtimeMs / 1000], [42, 43, fileTime]);
  assert.ok(at('absolute-link').isSymbolicLink());
  assert.ok(at('fifo').isFIFO());
  assert.equal(at('fifo').mode & 0o7777, 0o620);
  // OCI whiteouts became overlayfs ones.
  assert.ok(at('gone').isCharacterDevice());
  assert.equal(at('gone').rdev, 0);
  assert.ok(!existsSync(join(root, '.wh.gone')));
  assert.ok(at('x/sub').isCharacterDevice());
  assert.deepEqual(lgetxattr(join(root, 'opaque'), 'trusted.overlay.opaque'), Buffer.from('y'));
  assert.deepEqual(readdirSync(join(root, 'opaque')), ['kept']);
});

test('a later entry replaces an earlier one at the same path', async (t) => {
  const { store } = await tempLayerStore(t);
  const tar = rawTar(
    rawEntry({ name: 'file', data: 'first' }),
    rawEntry({ name: 'keep', type: '1', linkname: 'file' }),
    rawEntry({ name: 'file', data: 'second!' }),
    rawEntry({ name: 'dir/', type: '5', mode: 0o700 }),
    rawEntry({ name: 'dir/inner', data: 'inner' }),
    rawEntry({ name: 'dir/', type: '5', mode: 0o755, uid: 5 }),
    rawEntry({ name: 'was-dir/', type: '5' }),
    rawEntry({ name: 'was-dir/x', data: 'gone' }),
    rawEntry({ name: 'was-dir', data: 'now a file' }),
    rawEntry({ name: 'was-link', type: '2', linkname: 'file' }),
    rawEntry({ name: 'was-link/', type: '5' }),
    rawEntry({ name: 'was-link/y', data: 'y' }),
  );
  const info = await store.commit(await store.unpack(Readable.from([tar])), null);
  const root = store.diffPath(info.chainId);
  assert.equal(readFileSync(join(root, 'file'), 'utf8'), 'second!');
  assert.equal(readFileSync(join(root, 'keep'), 'utf8'), 'first');
  assert.equal(readFileSync(join(root, 'dir/inner'), 'utf8'), 'inner');
  assert.deepEqual([lstatSync(join(root, 'dir')).mode & 0o777, lstatSync(join(root, 'dir')).uid], [0o755, 5]);
  assert.equal(readFileSync(join(root, 'was-dir'), 'utf8'), 'now a file');
  assert.ok(lstatSync(join(root, 'was-link')).isDirectory());
  assert.equal(info.size, walkSize(root));
  assert.equal(info.size, 7 + 5 + 5 + 10 + 1);
});

test('parents missing from the archive are created; PAX long names work', async (t) => {
  const { store } = await tempLayerStore(t);
  const long = `${'x'.repeat(120)}/${'y'.repeat(120)}/z`;
  const tar = rawTar(rawEntry({ name: 'a/b/c/file', data: 'deep' }), paxEntry({ path: long }), rawEntry({ name: 'ignored', data: 'long' }));
  const info = await store.commit(await store.unpack(Readable.from([tar])), null);
  const root = store.diffPath(info.chainId);
  assert.equal(readFileSync(join(root, 'a/b/c/file'), 'utf8'), 'deep');
  assert.equal(lstatSync(join(root, 'a/b')).mode & 0o7777, 0o755);
  assert.equal(readFileSync(join(root, long), 'utf8'), 'long');
});

test('diff id mismatches, bad compressions and source errors leave nothing behind', async (t) => {
  const { store, leftovers } = await tempLayerStore(t);
  const tar = rawTar(rawEntry({ name: 'a', data: 'a' }));
  const wrong = sha256(Buffer.from('something else'));
  await assert.rejects(store.unpack(Readable.from([tar]), { expectedDiffId: wrong }), /diff id mismatch/);
  assert.deepEqual(await leftovers(), []);

  const zstd = execFileSync('zstd', ['-q', '-c'], { input: Buffer.concat([tar, Buffer.alloc(100_000, 1)]) });
  await assert.rejects(store.unpack(Readable.from([zstd.subarray(0, zstd.length - 8)])), InvalidArgument);
  const corruptZstd = Buffer.from(zstd);
  corruptZstd.fill(0x55, 6, 30);
  await assert.rejects(store.unpack(Readable.from([corruptZstd])), InvalidArgument);
  await assert.rejects(store.unpack(Readable.from([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2])])), /xz/);

  const failure = new Error('network went away');
  async function* broken() {
    yield gzipSync(Buffer.concat([tar, tar])).subarray(0, 20);
    throw failure;
  }
  await assert.rejects(store.unpack(Readable.from(broken())), (err) => err === failure);
  assert.deepEqual(await leftovers(), []);
});

test('a full disk is a failure of the machine (Internal), not of the layer', async (t) => {
  const { dir, db } = await tempLayerStore(t);
  const small = join(dir, 'small');
  mkdirSync(small);
  mount('tmpfs', small, 'tmpfs', 0, 'size=256k');
  try {
    const store = new LayerStore(join(small, 'layers'), db);
    await store.init();
    const tar = rawTar(rawEntry({ name: 'big', data: Buffer.alloc(1 << 20, 1) }));
    await assert.rejects(store.unpack(Readable.from([tar])), (err: Error) => err instanceof Internal && /ENOSPC/.test(err.message));
    assert.deepEqual(readdirSync(join(small, 'layers', 'tmp')), []);
  } finally {
    umount2(small);
  }
});

test('an empty stream is an empty layer, as in Docker', async (t) => {
  const { store } = await tempLayerStore(t);
  const layer = await store.unpack(Readable.from([]));
  assert.deepEqual({ ...layer }, { diffId: sha256(Buffer.alloc(0)), size: 0, tarSize: 0 });
  await store.discard(layer);
});
