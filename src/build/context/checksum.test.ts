// The content digest of COPY sources: what a copy holds changes it, what
// it does not (mtimes, inodes) does not; unchanged files are read once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BigIntStats } from 'node:fs';
import { chmodSync, chownSync, lchownSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFound } from '../../common/index.js';
import { sourcesDigest } from './checksum.js';
import { FileHashCache } from './file-hash-cache.js';
import { tempDir, write } from './test-support.js';

const digestOf = async (root: string, sources: string[]) => (await sourcesDigest(root, sources)).digest;

test('touching changes nothing; content, names, modes, owners and symlink targets change the digest', async (t) => {
  const root = await tempDir(t);
  write(root, { 'src/a.js': 'a', 'src/lib/b.js': 'b', 'other.txt': 'other' });
  symlinkSync('a.js', join(root, 'src/link'));
  const digest = () => digestOf(root, ['src']);
  const first = await digest();
  assert.match(first, /^sha256:[0-9a-f]{64}$/);
  assert.equal(await digest(), first, 'stable');

  utimesSync(join(root, 'src/a.js'), 1_000_000, 1_000_000);
  utimesSync(join(root, 'src/lib'), 1_000_000, 1_000_000);
  assert.equal(await digest(), first, 'touched');
  writeFileSync(join(root, 'other.txt'), 'not a source');
  assert.equal(await digest(), first, 'another file changed');
  writeFileSync(join(root, 'src/a.js.tmp'), 'a');
  renameSync(join(root, 'src/a.js.tmp'), join(root, 'src/a.js'));
  assert.equal(await digest(), first, 'the same content under a new inode');

  const seen = new Set([first]);
  const changes: Array<[string, () => void]> = [
    ['edited, same size', () => writeFileSync(join(root, 'src/a.js'), 'A')],
    ['chmod', () => chmodSync(join(root, 'src/lib/b.js'), 0o600)],
    ['chown', () => chownSync(join(root, 'src/lib/b.js'), 1000, 1000)],
    ['directory mode', () => chmodSync(join(root, 'src/lib'), 0o700)],
    ['symlink target', () => (rmSync(join(root, 'src/link')), symlinkSync('lib/b.js', join(root, 'src/link')))],
    ['symlink owner', () => lchownSync(join(root, 'src/link'), 7, 7)],
    ['renamed', () => renameSync(join(root, 'src/lib/b.js'), join(root, 'src/lib/c.js'))],
    ['added', () => writeFileSync(join(root, 'src/new'), '')],
    ['emptied', () => writeFileSync(join(root, 'src/a.js'), '')],
  ];
  for (const [what, change] of changes) {
    change();
    const next = await digest();
    assert.ok(!seen.has(next), what);
    seen.add(next);
  }
});

test('sources are named as given and resolved inside the context', async (t) => {
  const root = await tempDir(t);
  write(root, { 'a/f': 'same', 'b/f': 'same' });
  assert.notEqual(await digestOf(root, ['a/f']), await digestOf(root, ['b/f']));
  assert.equal(await digestOf(root, ['/a/f']), await digestOf(root, ['a/./f']));
  assert.notEqual(await digestOf(root, ['a/f', 'b/f']), await digestOf(root, ['b/f', 'a/f']));
  // '/a' is the context's a/: found, and named as given.
  symlinkSync('/a', join(root, 'abs'));
  assert.notEqual(await digestOf(root, ['abs/f']), await digestOf(root, ['a/f']));
  // '/etc' is the context's etc/, which does not exist: never the host's.
  symlinkSync('/etc', join(root, 'host'));
  await assert.rejects(sourcesDigest(root, ['host/passwd']), NotFound);
  await assert.rejects(
    sourcesDigest(root, ['missing']),
    /file not found in build context or excluded by \.dockerignore: stat missing: file does not exist/,
  );
});

test('a large file is read in pieces; files are read again only when they changed', async (t) => {
  const root = await tempDir(t);
  const big = Buffer.alloc(3 * 1024 * 1024 + 5, 'x');
  writeFileSync(join(root, 'big'), big);
  write(root, { 'small/1': '1', 'small/2': '2' });
  const first = await sourcesDigest(root, ['big', 'small']);
  assert.equal(first.filesRead, 3);
  assert.deepEqual(await sourcesDigest(root, ['big', 'small']), { digest: first.digest, filesRead: 0 });

  big[big.length - 1] = 0x79;
  writeFileSync(join(root, 'big'), big);
  const changed = await sourcesDigest(root, ['big', 'small']);
  assert.notEqual(changed.digest, first.digest);
  assert.equal(changed.filesRead, 1);
});

test('the cache keeps its most recently used entries', () => {
  const cache = new FileHashCache(2);
  const stats = (ino: number) => ({ dev: 1n, ino: BigInt(ino), size: 1n, mtimeNs: 1n, ctimeNs: 1n }) as BigIntStats;
  cache.set('/a', stats(1), 'a');
  cache.set('/b', stats(2), 'b');
  assert.equal(cache.get('/a', stats(1)), 'a');
  cache.set('/c', stats(3), 'c');
  assert.equal(cache.get('/b', stats(2)), undefined, 'the least recently used went');
  assert.equal(cache.get('/a', stats(1)), 'a');
  assert.equal(cache.get('/a', stats(9)), undefined, 'another inode');
});
