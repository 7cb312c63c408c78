// The context the daemon receives: hostile tars stay inside their directory
// or are refused with nothing left behind; the Dockerfile is found, or
// refused, with Docker's messages; .dockerignore removes only itself and
// the Dockerfile, as the classic builder does. Runs as root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { InvalidArgument } from '../../common/index.js';
import { hostileTars, rawEntry, rawTar } from '../../../test/support/hostile-tars.js';
import { contextFromTar } from './from-tar.js';
import { tempDir } from './test-support.js';

const dockerfile = rawEntry({ name: 'Dockerfile', data: 'FROM scratch\n' });
const from = (...entries: Buffer[]) => Readable.from([rawTar(...entries)]);

test('every hostile tar is refused or kept inside the context, and nothing is written outside or left behind', async (t) => {
  const outside = await tempDir(t);
  for (const hostile of hostileTars(outside)) {
    await t.test(hostile.name, async () => {
      const parent = await tempDir(t);
      // A context is no layer: '.wh.' names are plain files in it.
      if (hostile.name === 'whiteout-dotdot') hostile.contained = 'a/.wh...';
      if (hostile.contained === undefined) {
        // Refused by the extraction itself, not for lack of a Dockerfile.
        await assert.rejects(contextFromTar(Readable.from([hostile.data]), { parent }), (err) => {
          return err instanceof InvalidArgument && !err.message.includes('Cannot locate');
        });
        assert.deepEqual(readdirSync(parent), [], 'nothing left behind');
      } else {
        // Accepted: with a Dockerfile added, it lands inside the context.
        const entries = hostile.data.subarray(0, hostile.data.length - 1024);
        const context = await contextFromTar(from(entries, dockerfile), { parent });
        assert.ok(lstatSync(join(context.dir, hostile.contained)).isFile(), hostile.contained);
      }
      assert.deepEqual(readdirSync(outside), [], 'nothing outside the context');
      assert.ok(!existsSync('/etc/cais-hostile-evil'));
    });
  }
});

test('entries keep the owners the tar names', async (t) => {
  const owned = await contextFromTar(from(dockerfile, rawEntry({ name: 'mine', uid: 1000, gid: 1001, data: 'x' })), { parent: await tempDir(t) });
  assert.deepEqual([lstatSync(join(owned.dir, 'mine')).uid, lstatSync(join(owned.dir, 'mine')).gid], [1000, 1001]);
});

test('the Dockerfile: the path asked for, "dockerfile" for a missing "Dockerfile", and refusals with Docker\'s messages', async (t) => {
  const parent = await tempDir(t);
  const named = await contextFromTar(from(rawEntry({ name: 'ci/Dockerfile.ci', data: 'FROM a\n' })), { parent, dockerfile: 'ci/Dockerfile.ci' });
  assert.equal(named.dockerfile, 'FROM a\n');
  const lower = await contextFromTar(from(rawEntry({ name: 'dockerfile', data: 'FROM b\n' })), { parent, dockerfile: '' });
  assert.deepEqual([lower.dockerfilePath, lower.dockerfile], ['dockerfile', 'FROM b\n']);
  const rooted = await contextFromTar(from(dockerfile), { parent, dockerfile: '/Dockerfile' });
  assert.equal(rooted.dockerfile, 'FROM scratch\n');

  const refused: Array<[string, Buffer[], string | undefined, RegExp]> = [
    ['missing', [rawEntry({ name: 'other', data: 'x' })], undefined, /Cannot locate specified Dockerfile: Dockerfile$/],
    ['missing, named', [dockerfile], 'Dockerfile.dev', /Cannot locate specified Dockerfile: Dockerfile\.dev$/],
    ['no fallback for other names', [rawEntry({ name: 'dockerfile.dev', data: 'x' })], 'Dockerfile.dev', /Cannot locate/],
    ['outside', [dockerfile], '../Dockerfile', /forbidden path outside the build context: \.\.\/Dockerfile \(\)$/],
    ['outside, from the root', [dockerfile], '/../../Dockerfile', /forbidden path outside the build context/],
    ['empty', [rawEntry({ name: 'Dockerfile', data: '' })], undefined, /the Dockerfile \(Dockerfile\) cannot be empty$/],
    ['a directory', [rawEntry({ name: 'Dockerfile/', type: '5', mode: 0o755 })], undefined, /not a regular file/],
    ['a FIFO, which would never end', [rawEntry({ name: 'Dockerfile', type: '6' })], undefined, /not a regular file/],
    ['a symlink out of the context', [rawEntry({ name: 'Dockerfile', type: '2', linkname: '/etc/passwd' })], undefined, /Cannot locate/],
    ['a relative symlink out', [rawEntry({ name: 'Dockerfile', type: '2', linkname: '../../../../../../../etc/hostname' })], undefined, /Cannot locate/],
    ['a symlink loop', [rawEntry({ name: 'Dockerfile', type: '2', linkname: 'Dockerfile' })], undefined, /too many links/],
  ];
  for (const [name, entries, path, message] of refused) {
    await assert.rejects(contextFromTar(from(...entries), { parent, ...(path === undefined ? {} : { dockerfile: path }) }), message, name);
  }
  // A symlink is followed inside the context, whose root is its '/'.
  const linked = await contextFromTar(
    from(rawEntry({ name: 'real/Dockerfile', data: 'FROM c\n' }), rawEntry({ name: 'Dockerfile', type: '2', linkname: '/real/Dockerfile' })),
    { parent },
  );
  assert.equal(linked.dockerfile, 'FROM c\n');
});

test('.dockerignore removes itself and the Dockerfile once read, and nothing else (the classic builder)', async (t) => {
  const parent = await tempDir(t);
  const ignore = rawEntry({ name: '.dockerignore', data: 'Dockerfile\n.dockerignore\n*.md\n' });
  const context = await contextFromTar(from(ignore, dockerfile, rawEntry({ name: 'README.md', data: 'x' })), { parent });
  assert.equal(context.dockerfile, 'FROM scratch\n');
  assert.deepEqual(readdirSync(context.dir), ['README.md']);

  const kept = await contextFromTar(from(rawEntry({ name: '.dockerignore', data: '*.md\n' }), dockerfile), { parent });
  assert.deepEqual(readdirSync(kept.dir).sort(), ['.dockerignore', 'Dockerfile']);
  // A malformed .dockerignore removes nothing, as in Docker.
  const malformed = await contextFromTar(from(rawEntry({ name: '.dockerignore', data: 'Dockerfile\n[\n' }), dockerfile), { parent });
  assert.deepEqual(readdirSync(malformed.dir).sort(), ['.dockerignore', 'Dockerfile']);
});

test('gzip and zstd contexts are read; xz and bzip2 are refused by name; the size limit holds', async (t) => {
  const parent = await tempDir(t);
  const tar = rawTar(dockerfile, rawEntry({ name: 'a', data: 'a'.repeat(4096) }));
  assert.equal((await contextFromTar(Readable.from([gzipSync(tar)]), { parent })).dockerfile, 'FROM scratch\n');
  const zstd = execFileSync('zstd', ['-q', '-c'], { input: tar });
  assert.equal((await contextFromTar(Readable.from([zstd]), { parent })).dockerfile, 'FROM scratch\n');
  const before = readdirSync(parent).length;
  await assert.rejects(contextFromTar(Readable.from([execFileSync('xz', ['-c'], { input: tar })]), { parent }), /xz compression is not supported/);
  await assert.rejects(contextFromTar(Readable.from([execFileSync('bzip2', ['-c'], { input: tar })]), { parent }), /bzip2 compression is not supported/);
  await assert.rejects(contextFromTar(Readable.from([gzipSync(tar)]), { parent, maxBytes: 4096 }), /larger than the limit of 4096 bytes/);
  assert.equal(readdirSync(parent).length, before, 'nothing left behind');
});
