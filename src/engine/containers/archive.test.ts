// The archive endpoints' path and stat rules, as moby's: the absolute path
// keeps a trailing "/" or "/.", modes are Go's os.FileMode, times Go's RFC 3339.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerAbsPath, goFileMode, goTime } from './archive.js';

test('containerAbsPath: rooted, cleaned, with the trailing "/" or "/." kept', () => {
  const cases: [string, string][] = [
    ['etc', '/etc'],
    ['/etc/', '/etc/'],
    ['etc/.', '/etc/.'],
    ['/a/../etc//passwd', '/etc/passwd'],
    ['.', '/.'],
    ['/', '/'],
    ['../../etc', '/etc'],
  ];
  for (const [path, abs] of cases) assert.equal(containerAbsPath(path), abs, path);
});

test("goFileMode: permission bits with Go's type and special flags", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cais-mode-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('x', join(dir, 'link'));
  assert.equal(goFileMode(lstatSync(join(dir, 'link'))), 2 ** 27 + 0o777);
  assert.equal(goFileMode(lstatSync('/tmp')), 2 ** 31 + 2 ** 20 + 0o777);
  assert.equal(goFileMode(lstatSync('/dev/null')), 2 ** 26 + 2 ** 21 + 0o666);
});

test('goTime: UTC, nanoseconds without trailing zeros', () => {
  assert.equal(goTime(1_700_000_000_000_000_000n), '2023-11-14T22:13:20Z');
  assert.equal(goTime(1_700_000_000_120_000_000n), '2023-11-14T22:13:20.12Z');
  assert.equal(goTime(1_700_000_000_000_000_001n), '2023-11-14T22:13:20.000000001Z');
});
