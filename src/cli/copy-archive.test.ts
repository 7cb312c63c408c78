// docker cp's client rules (go-archive copy.go) and the safety of the local
// extraction: entries never leave the destination, never go through a symlink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { extractLocal, getRebaseName, prepareArchiveCopy, splitCpArg, splitPathDirEntry, type CopyInfo } from './copy-archive.js';

test('splitCpArg: CONTAINER:PATH unless the argument is an explicit local path', () => {
  assert.deepEqual(splitCpArg('box:/etc'), ['box', '/etc']);
  assert.deepEqual(splitCpArg('/a:b'), ['', '/a:b']);
  assert.deepEqual(splitCpArg('./a:b'), ['', './a:b']);
  assert.deepEqual(splitCpArg('file'), ['', 'file']);
  assert.deepEqual(splitCpArg('box:'), ['box', '']);
});

test('splitPathDirEntry and getRebaseName keep "/." and trailing slashes', () => {
  assert.deepEqual(splitPathDirEntry('/a/b/'), ['/a', 'b']);
  assert.deepEqual(splitPathDirEntry('/a/b/.'), ['/a/b', '.']);
  assert.deepEqual(splitPathDirEntry('/'), ['/', '/']);
  assert.deepEqual(getRebaseName('/link/', '/target'), ['/target/', 'link']);
  assert.deepEqual(getRebaseName('/link/.', '/target'), ['/target/.', '']);
  assert.deepEqual(getRebaseName('/same', '/x/same'), ['/x/same', '']);
});

test('prepareArchiveCopy: into an existing dir, renamed to a new name, errors for dir onto file and file into a missing dir', () => {
  const info = (path: string, exists: boolean, isDir: boolean): CopyInfo => ({ path, exists, isDir, rebaseName: '' });
  const into = prepareArchiveCopy(info('/s/f', true, false), info('/d', true, true));
  assert.deepEqual([into.dir, into.rename('f')], ['/d', 'f']);
  const renamed = prepareArchiveCopy(info('/s/dir', true, true), info('/d/new', false, false));
  assert.deepEqual([renamed.dir, renamed.rename('dir/x')], ['/d', 'new/x']);
  const over = prepareArchiveCopy(info('/s/f', true, false), info('/d/g', true, false));
  assert.deepEqual([over.dir, over.rename('f')], ['/d', 'g']);
  assert.throws(() => prepareArchiveCopy(info('/s/dir', true, true), info('/d/file', true, false)), /cannot copy directory/);
  assert.throws(() => prepareArchiveCopy(info('/s/f', true, false), info('/d/missing/', false, false)), /no such directory/);
});

async function tarOf(entries: { name: string; type?: 'file' | 'symlink' | 'directory'; linkname?: string; content?: string }[]): Promise<Readable> {
  const p = pack();
  for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) }, e.content ?? '');
  p.finalize();
  return Readable.from(p);
}

test('extractLocal refuses entries that leave the destination or go through a symlink', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'cais-extract-'));
  const outside = mkdtempSync(join(tmpdir(), 'cais-extract-outside-'));
  t.after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const same = (name: string) => name;
  await assert.rejects(extractLocal(await tarOf([{ name: '../evil' }]), root, same), /outside/);
  await assert.rejects(
    extractLocal(await tarOf([{ name: 'link', type: 'symlink', linkname: outside }, { name: 'link/evil' }]), root, same),
    /is not a directory/,
  );
  symlinkSync(outside, join(root, 'pre'));
  await assert.rejects(extractLocal(await tarOf([{ name: 'pre/evil' }]), root, same), /is not a directory/);
  assert.deepEqual(readdirSync(outside), []);
  await extractLocal(await tarOf([{ name: 'd/', type: 'directory' }, { name: 'd/f', content: 'ok' }]), root, (n) => n.replace('d', 'e'));
  assert.equal(readFileSync(join(root, 'e/f'), 'utf8'), 'ok');
  assert.ok(!existsSync(join(root, 'd')));
});
