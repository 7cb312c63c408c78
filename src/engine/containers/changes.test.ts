// overlayChanges on a crafted upper directory over a lower one: whiteouts
// and opaque directories are deletions, new paths additions, paths the lower
// has modifications, parents of additions and deletions modified, and a
// directory that matches its lower copy left out. Runs as root (mknod, trusted xattrs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S_IFCHR, lsetxattr, mknod } from '../../sys/index.js';
import { overlayChanges } from './changes.js';

test('the changes of an upper directory, in walk order, as moby reports them', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cais-changes-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const lower = join(root, 'lower');
  const upper = join(root, 'upper');
  for (const dir of ['etc', 'var/lib', 'same', 'opaque']) mkdirSync(join(lower, dir), { recursive: true });
  writeFileSync(join(lower, 'etc/passwd'), 'x');
  writeFileSync(join(lower, 'etc/group'), 'x');
  for (const dir of ['etc', 'var/lib/new', 'same', 'opaque', 'added']) mkdirSync(join(upper, dir), { recursive: true });
  writeFileSync(join(upper, 'etc/passwd'), 'changed');
  mknod(join(upper, 'etc/group'), S_IFCHR, 0, 0);
  writeFileSync(join(upper, 'same/file'), 'x');
  lsetxattr(join(upper, 'opaque'), 'trusted.overlay.opaque', Buffer.from('y'));
  writeFileSync(join(upper, 'added/file'), 'x');
  // "same", "var" and "var/lib" match their lower copies (whole-second times): only their children count.
  for (const dir of ['same', 'var/lib', 'var']) {
    for (const side of [lower, upper]) utimesSync(join(side, dir), 1_000_000, 1_000_000);
  }
  assert.deepEqual(await overlayChanges(upper, [lower]), [
    { Path: '/added', Kind: 1 },
    { Path: '/added/file', Kind: 1 },
    { Path: '/etc', Kind: 0 },
    { Path: '/etc/group', Kind: 2 },
    { Path: '/etc/passwd', Kind: 0 },
    { Path: '/opaque', Kind: 2 },
    { Path: '/same', Kind: 0 },
    { Path: '/same/file', Kind: 1 },
    { Path: '/var/lib', Kind: 0 },
    { Path: '/var/lib/new', Kind: 1 },
  ]);
  assert.deepEqual(await overlayChanges(join(root, 'missing'), [lower]), []);
});
