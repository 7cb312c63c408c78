import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paxEntry, rawEntry, rawTar } from '../../../test/support/hostile-tars.js';
import { TarFormatError, TarReader, type TarEntry } from './tar-reader.js';

const limits = { maxEntrySize: 1 << 30, maxMetaSize: 1 << 20 };

interface Read {
  entry: TarEntry;
  data: Buffer;
}

/** Reads a whole archive, fed in pieces of `step` bytes. */
function read(tar: Buffer, step = tar.length): Read[] {
  const out: Read[] = [];
  let parts: Buffer[] = [];
  let open = false;
  const reader = new TarReader(
    {
      entry(entry) {
        assert.ok(!open, 'entry before the previous one ended');
        open = true;
        out.push({ entry, data: Buffer.alloc(0) });
        parts = [];
      },
      data(chunk) {
        parts.push(Buffer.from(chunk));
      },
      endEntry() {
        open = false;
        out.at(-1)!.data = Buffer.concat(parts);
      },
    },
    limits,
  );
  for (let off = 0; off < tar.length; off += step) reader.write(tar.subarray(off, off + step));
  reader.end();
  assert.ok(!open);
  return out;
}

const sample = rawTar(
  rawEntry({ name: 'dir/', type: '5', mode: 0o1755, uid: 1000, gid: 100, mtime: 1_700_000_000 }),
  rawEntry({ name: 'dir/file', data: 'x'.repeat(1000), mode: 0o4755, uid: 7, gid: 8, mtime: 1_600_000_000 }),
  rawEntry({ name: 'link', type: '2', linkname: 'dir/file' }),
  rawEntry({ name: 'hard', type: '1', linkname: 'dir/file' }),
  rawEntry({ name: 'fifo', type: '6', mode: 0o600 }),
  rawEntry({ name: 'empty' }),
);

test('reads every entry type with its metadata, whatever the chunk boundaries', () => {
  const whole = read(sample);
  assert.deepEqual(
    whole.map(({ entry }) => [entry.name, entry.type, entry.mode, entry.uid, entry.gid, entry.mtime, entry.size, entry.linkname]),
    [
      ['dir/', 'directory', 0o1755, 1000, 100, 1_700_000_000, 0, ''],
      ['dir/file', 'file', 0o4755, 7, 8, 1_600_000_000, 1000, ''],
      ['link', 'symlink', 0o644, 0, 0, 0, 0, 'dir/file'],
      ['hard', 'link', 0o644, 0, 0, 0, 0, 'dir/file'],
      ['fifo', 'fifo', 0o600, 0, 0, 0, 0, ''],
      ['empty', 'file', 0o644, 0, 0, 0, 0, ''],
    ],
  );
  assert.equal(whole[1]!.data.toString(), 'x'.repeat(1000));
  for (const step of [1, 7, 511, 512, 513, 4096]) assert.deepEqual(read(sample, step), whole, `step ${step}`);
});

test('PAX records override the header and keep binary xattr values intact', () => {
  const capability = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0x00, 0x00, 0x00, 0xff, 0xfe]);
  const longName = `${'deep/'.repeat(40)}file`;
  const tar = rawTar(
    paxEntry({
      path: longName,
      mtime: '1700000000.5',
      uid: '4000000',
      'SCHILY.xattr.security.capability': capability,
      'LIBARCHIVE.xattr.user.with%20space': Buffer.from('aGVsbG8=', 'latin1'),
    }),
    rawEntry({ name: 'short', data: 'abc' }),
    rawEntry({ name: 'after' }),
  );
  const [first, second] = read(tar, 100);
  assert.equal(first!.entry.name, longName);
  assert.equal(first!.entry.mtime, 1_700_000_000.5);
  assert.equal(first!.entry.uid, 4_000_000);
  assert.deepEqual(first!.entry.xattrs?.get('security.capability'), capability);
  assert.deepEqual(first!.entry.xattrs?.get('user.with space'), Buffer.from('hello'));
  assert.equal(first!.data.toString(), 'abc');
  // PAX records apply to one entry only.
  assert.equal(second!.entry.name, 'after');
  assert.equal(second!.entry.xattrs, null);
});

test('reads what GNU tar writes: long names, long link targets, PAX xattrs', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cais-tar-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'src');
  const longDir = join(src, 'a'.repeat(90), 'b'.repeat(90));
  mkdirSync(longDir, { recursive: true });
  writeFileSync(join(longDir, 'c'.repeat(80)), 'long');
  symlinkSync('t'.repeat(150), join(src, 'longlink'));
  for (const format of ['gnu', 'posix']) {
    const tar = execFileSync('tar', [`--format=${format}`, '--sort=name', '-C', src, '-cf', '-', '.']);
    const entries = read(tar, 1000).map(({ entry, data }) => [entry.name.replace(/^\.\//, ''), entry.type, entry.linkname, data.toString()]);
    assert.deepEqual(
      entries.filter(([name]) => name !== '' && name !== './'),
      [
        [`${'a'.repeat(90)}/`, 'directory', '', ''],
        [`${'a'.repeat(90)}/${'b'.repeat(90)}/`, 'directory', '', ''],
        [`${'a'.repeat(90)}/${'b'.repeat(90)}/${'c'.repeat(80)}`, 'file', '', 'long'],
        ['longlink', 'symlink', 't'.repeat(150), ''],
      ],
      format,
    );
  }
});

test('the end of the archive: zero blocks, trailing bytes, a missing marker', () => {
  const entry = rawEntry({ name: 'a', data: 'a' });
  // Like Go's archive/tar: an archive may stop at an entry boundary...
  assert.equal(read(entry).length, 1);
  // ...or right after its data, before the padding (docker build -f - sends such a tar); not inside the data or the padding.
  assert.equal(read(entry.subarray(0, 513)).length, 1);
  assert.throws(() => read(entry.subarray(0, 514)), TarFormatError);
  assert.throws(() => read(rawEntry({ name: 'b', data: 'bb' }).subarray(0, 513)), TarFormatError);
  // ...and anything after the two zero blocks is not read.
  assert.equal(read(Buffer.concat([rawTar(entry), Buffer.from('trailing garbage')])).length, 1);
  assert.throws(() => read(Buffer.concat([entry, Buffer.alloc(512), rawEntry({ name: 'b' })])), TarFormatError);
  assert.deepEqual(read(Buffer.alloc(0)), []);
});

test('old tars that summed signed bytes in the checksum are read', () => {
  const tar = rawTar(rawEntry({ name: 'caf\u00e9', data: 'x' }));
  let signed = 0;
  for (let i = 0; i < 512; i++) signed += i >= 148 && i < 156 ? 0x20 : tar[i]! > 127 ? tar[i]! - 256 : tar[i]!;
  tar.write(`${signed.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  assert.deepEqual(read(tar).map(({ entry }) => entry.name), ['caf\u00e9']);
  tar.write('000000\0 ', 148, 'latin1');
  assert.throws(() => read(tar), TarFormatError);
});

test('refuses broken archives', () => {
  const cases: [string, Buffer][] = [
    ['truncated data', rawTar(rawEntry({ name: 'a', data: 'x'.repeat(600) })).subarray(0, 900)],
    ['truncated header', rawEntry({ name: 'a' }).subarray(0, 300)],
    ['bad checksum', Buffer.concat([Buffer.from('garbage'), rawTar(rawEntry({ name: 'a' })).subarray(7)])],
    ['sparse file', rawTar(rawEntry({ name: 'a', type: 'S' }))],
    ['GNU sparse PAX', rawTar(paxEntry({ 'GNU.sparse.major': '1' }), rawEntry({ name: 'a' }))],
    ['PAX header then end', rawTar(paxEntry({ path: 'a' }))],
    ['malformed PAX record', rawTar(rawEntry({ name: 'p', type: 'x', data: '99 path=a\n' }), rawEntry({ name: 'a' }))],
    ['PAX uid not a number', rawTar(paxEntry({ uid: '12abc' }), rawEntry({ name: 'a' }))],
    ['size not octal', rawTar(rawEntry({ name: 'a', sizeField: Buffer.from('00000000009\0') }))],
  ];
  for (const [what, tar] of cases) assert.throws(() => read(tar), TarFormatError, what);
  const huge = Buffer.alloc(12);
  huge[0] = 0x80;
  huge[5] = 1; // 2^48 bytes: a safe integer, but above the entry limit
  assert.throws(() => read(rawTar(rawEntry({ name: 'a', sizeField: huge }))), /larger than the limit/);
});
