// Runs the real calls (as root) in a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sys from './index.js';

async function tempDir(t: { after(fn: () => void): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-sys-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function assertSysError(fn: () => unknown, code: string, syscall: string): void {
  assert.throws(fn, (err: NodeJS.ErrnoException) => {
    assert.equal(err.code, code);
    assert.equal(err.syscall, syscall);
    assert.match(err.message, new RegExp(`^${code}: `));
    return true;
  });
}

test('mknod creates FIFOs and character devices, and reports errno codes', async (t) => {
  const dir = await tempDir(t);
  sys.mknod(join(dir, 'fifo'), sys.S_IFIFO | 0o640);
  const fifo = lstatSync(join(dir, 'fifo'));
  assert.ok(fifo.isFIFO());
  sys.mknod(join(dir, 'whiteout'), sys.S_IFCHR, 0, 0);
  const dev = lstatSync(join(dir, 'whiteout'));
  assert.ok(dev.isCharacterDevice());
  assert.equal(dev.rdev, 0);
  assertSysError(() => sys.mknod(join(dir, 'fifo'), sys.S_IFIFO | 0o600), 'EEXIST', 'mknod');
  assertSysError(() => sys.mknod(join(dir, 'missing', 'x'), sys.S_IFIFO | 0o600), 'ENOENT', 'mknod');
});

test('extended attributes round-trip binary values and do not follow symlinks', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  const value = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0xff, 0x00, 0xfe]);
  sys.lsetxattr(file, 'trusted.cais.test', value);
  assert.deepEqual(sys.lgetxattr(file, 'trusted.cais.test'), value);
  assert.equal(sys.lgetxattr(file, 'trusted.cais.absent'), null);
  assert.ok(sys.llistxattr(file).includes('trusted.cais.test'));
  assertSysError(() => sys.lsetxattr(file, 'trusted.cais.test', value, sys.XATTR_CREATE), 'EEXIST', 'lsetxattr');
  sys.lsetxattr(file, 'trusted.cais.empty', Buffer.alloc(0));
  assert.deepEqual(sys.lgetxattr(file, 'trusted.cais.empty'), Buffer.alloc(0));

  const link = join(dir, 'link');
  symlinkSync(file, link);
  sys.lsetxattr(link, 'trusted.cais.link', Buffer.from('y'));
  assert.deepEqual(sys.lgetxattr(link, 'trusted.cais.link'), Buffer.from('y'));
  assert.equal(sys.lgetxattr(file, 'trusted.cais.link'), null);
  assert.ok(!sys.llistxattr(file).includes('trusted.cais.link'));
  assertSysError(() => sys.llistxattr(join(dir, 'missing')), 'ENOENT', 'llistxattr');
});

test('arguments with NUL bytes or wrong types are refused before any call', async (t) => {
  const dir = await tempDir(t);
  assert.throws(() => sys.mknod(join(dir, 'a\0b'), sys.S_IFIFO | 0o600), TypeError);
  assert.throws(() => sys.lsetxattr(join(dir, 'a'), 'user.x', 'no' as unknown as Buffer), TypeError);
  assert.throws(() => sys.mknod(join(dir, 'a'), -1), RangeError);
  assert.deepEqual(readdirSync(dir), []);
});

test('mount and umount2 a tmpfs with both mount APIs', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'mnt');
  mkdirSync(target);
  sys.mount('tmpfs', target, 'tmpfs', sys.MS_NOSUID | sys.MS_NODEV, 'size=1m,mode=0700');
  try {
    writeFileSync(join(target, 'inside'), 'x');
    assert.equal(lstatSync(target).mode & 0o7777, 0o700);
  } finally {
    sys.umount2(target);
  }
  assert.deepEqual(readdirSync(target), []);

  sys.fsMount('tmpfs', [['source', 'cais-test'], ['size', '1m']], target, sys.MOUNT_ATTR_RDONLY);
  try {
    assert.throws(() => writeFileSync(join(target, 'inside'), 'x'), { code: 'EROFS' });
  } finally {
    sys.umount2(target, sys.MNT_DETACH);
  }
  assertSysError(() => sys.umount2(target), 'EINVAL', 'umount2');
  // The kernel's own explanation is part of the message.
  assert.throws(() => sys.fsMount('tmpfs', [['size', 'banana']], target), /EINVAL.*Bad value for 'size'/);
});
