// The tar `cais build PATH` sends: .dockerignore applied as the docker CLI
// and BuildKit apply it, entries owned by 0:0 with their modes and mtimes,
// symlinks kept, special files left out, the same bytes every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../../common/index.js';
import { contextFromTar } from '../context/index.js';
import { tarContextDirectory } from './from-directory.js';
import { bytes, list, tempDir, write } from '../context/test-support.js';

async function sample(t: { after(fn: () => void): void }): Promise<string> {
  const root = await tempDir(t);
  write(root, {
    '.dockerignore': '# build output\n*.log\nnode_modules\ndocs\n!docs/keep/README.md\nDockerfile\n',
    Dockerfile: 'FROM scratch\n',
    'app.js': 'console.log(1)\n',
    'debug.log': 'noise',
    'node_modules/x/index.js': 'x',
    'docs/other.md': 'other',
    'docs/keep/README.md': 'readme',
    'docs/keep/other': 'other',
    'sub/nested/file': 'nested',
  });
  mkdirSync(join(root, 'empty'));
  symlinkSync('/etc/passwd', join(root, 'link'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  chmodSync(join(root, 'app.js'), 0o755);
  chmodSync(join(root, 'docs/keep'), 0o750);
  chownSync(join(root, 'sub/nested/file'), 1234, 5678);
  utimesSync(join(root, 'app.js'), 1_600_000_000, 1_600_000_000);
  utimesSync(join(root, 'docs/keep'), 1_500_000_000, 1_500_000_000);
  return root;
}

test('ignored entries are left out; an exception brings its excluded parents along; the build files are sent', async (t) => {
  const root = await sample(t);
  const tar = await bytes(await tarContextDirectory(root));
  assert.deepEqual(list(tar), [
    '.dockerignore',
    'Dockerfile',
    'app.js',
    'docs/',
    'docs/keep/',
    'docs/keep/README.md',
    'empty/',
    'link',
    'sub/',
    'sub/nested/',
    'sub/nested/file',
  ]);
  const verbose = execFileSync('tar', ['tv', '--numeric-owner'], { input: tar }).toString();
  assert.doesNotMatch(verbose, /1234|5678/);
  for (const line of verbose.trim().split('\n')) assert.match(line, /^\S+ 0\/0 /, line);
  assert.match(verbose, /^lrwxrwxrwx 0\/0 .* link -> \/etc\/passwd$/m);
  assert.match(verbose, /^-rwxr-xr-x 0\/0 .* 2020-09-1\d \d\d:\d\d app\.js$/m);
  assert.match(verbose, /^drwxr-x--- 0\/0 .* 2017-07-1\d \d\d:\d\d docs\/keep\/$/m);
  assert.deepEqual(await bytes(await tarContextDirectory(root)), tar, 'the same bytes every time');
});

test('the Dockerfile is kept when named elsewhere, and only when asked to', async (t) => {
  const root = await tempDir(t);
  write(root, { '.dockerignore': '*\n', 'ci/Dockerfile.ci': 'FROM scratch\n', 'ci/other': 'x', 'src/a': 'a' });
  assert.deepEqual(list(await bytes(await tarContextDirectory(root, { dockerfile: 'ci/Dockerfile.ci' }))), [
    '.dockerignore',
    'ci/',
    'ci/Dockerfile.ci',
  ]);
  assert.deepEqual(list(await bytes(await tarContextDirectory(root, { dockerfile: null }))), ['.dockerignore']);
  const nothing = await bytes(await tarContextDirectory(root, { dockerfile: 'ci/Dockerfile.ci', keepBuildFiles: false }));
  assert.deepEqual(nothing, Buffer.alloc(1024), 'an empty tar');
});

test('an exception with a wildcard walks every excluded directory', async (t) => {
  const root = await tempDir(t);
  write(root, { '.dockerignore': 'vendor\n!**/*.txt\n', 'vendor/a/b.txt': 'b', 'vendor/a/c.bin': 'c', 'vendor/d/e.bin': 'e' });
  assert.deepEqual(list(await bytes(await tarContextDirectory(root, { dockerfile: null }))), [
    '.dockerignore',
    'vendor/',
    'vendor/a/',
    'vendor/a/b.txt',
  ]);
});

test('a context that is no directory, or whose .dockerignore is malformed, is refused before anything is sent', async (t) => {
  const root = await tempDir(t);
  await assert.rejects(tarContextDirectory(join(root, 'missing')), /unable to prepare context: path ".*missing" not found/);
  write(root, { file: 'x' });
  await assert.rejects(tarContextDirectory(join(root, 'file')), /context must be a directory/);
  write(root, { 'bad/.dockerignore': 'ok\n[\n' });
  await assert.rejects(tarContextDirectory(join(root, 'bad')), InvalidArgument);
  mkdirSync(join(root, 'dir-ignore/.dockerignore'), { recursive: true });
  await assert.rejects(tarContextDirectory(join(root, 'dir-ignore')), /error reading \.dockerignore/);
});

test('a symlink to the context is followed once, as the CLI resolves the path it is given', async (t) => {
  const root = await tempDir(t);
  write(root, { 'real/Dockerfile': 'FROM scratch\n' });
  symlinkSync(join(root, 'real'), join(root, 'alias'));
  assert.deepEqual(list(await bytes(await tarContextDirectory(join(root, 'alias')))), ['Dockerfile']);
});

test('what cais build sends arrives whole: contents, modes, mtimes, symlinks; as the daemon extracts it', async (t) => {
  const root = await tempDir(t);
  write(root, { Dockerfile: 'FROM scratch\n', 'bin/run': '#!/bin/sh\n', 'data/a': 'a' });
  chmodSync(join(root, 'bin/run'), 0o750);
  chmodSync(join(root, 'data'), 0o700);
  utimesSync(join(root, 'bin/run'), 1_600_000_000, 1_600_000_000);
  symlinkSync('../bin/run', join(root, 'data/run'));
  const context = await contextFromTar(await tarContextDirectory(root), { parent: await tempDir(t) });
  const got = (name: string) => lstatSync(join(context.dir, name));
  assert.equal(readFileSync(join(context.dir, 'bin/run'), 'utf8'), '#!/bin/sh\n');
  assert.equal(got('bin/run').mode & 0o7777, 0o750);
  assert.equal(got('bin/run').mtimeMs, 1_600_000_000_000);
  assert.equal(got('data').mode & 0o7777, 0o700);
  assert.equal(readlinkSync(join(context.dir, 'data/run')), '../bin/run');
  assert.deepEqual({ path: context.dockerfilePath, text: context.dockerfile }, { path: 'Dockerfile', text: 'FROM scratch\n' });
});
