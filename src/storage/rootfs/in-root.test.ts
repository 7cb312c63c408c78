import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveInRoot } from './in-root.js';

describe('resolveInRoot', () => {
  const root = mkdtempSync(join(tmpdir(), 'cais-inroot-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc/real'), { recursive: true });
  symlinkSync('/etc/shadow', join(root, 'etc/passwd'));
  symlinkSync('../../../../..', join(root, 'etc/up'));
  symlinkSync('real', join(root, 'etc/rel'));
  symlinkSync('loop', join(root, 'loop'));

  it('follows absolute symlinks inside the root, never to the host', () => {
    assert.equal(resolveInRoot(root, '/etc/passwd'), join(root, 'etc/shadow'));
  });
  it('stops .. at the root', () => {
    assert.equal(resolveInRoot(root, '/etc/up/etc/hosts'), join(root, 'etc/hosts'));
    assert.equal(resolveInRoot(root, '../../x'), join(root, 'x'));
  });
  it('follows relative symlinks and keeps missing components', () => {
    assert.equal(resolveInRoot(root, 'etc/rel/file'), join(root, 'etc/real/file'));
  });
  it('can leave the last component unresolved', () => {
    assert.equal(resolveInRoot(root, '/etc/passwd', false), join(root, 'etc/passwd'));
  });
  it('refuses symlink loops', () => {
    assert.throws(() => resolveInRoot(root, '/loop/x'), /too many levels/);
  });
});
