import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvFile } from './create-options.js';
import { parseCpus, ramInBytes } from './parse-units.js';

test("sizes as go-units' RAMInBytes reads them", () => {
  assert.equal(ramInBytes('64m'), 64 * 1024 * 1024);
  assert.equal(ramInBytes('1.5g'), 1.5 * 1024 ** 3);
  assert.equal(ramInBytes('32 MiB'), 32 * 1024 * 1024);
  assert.equal(ramInBytes('100'), 100);
  assert.equal(ramInBytes('10b'), 10);
  assert.throws(() => ramInBytes('abc'), { message: "invalid size: 'abc'" });
  assert.throws(() => ramInBytes('-1'), { message: "invalid size: '-1'" });
  assert.throws(() => ramInBytes('1x'), { message: "invalid suffix: 'x'" });
  assert.throws(() => ramInBytes('1kbb'), { message: "invalid suffix: 'kbb'" });
});

test('CPUs as exact billionths', () => {
  assert.equal(parseCpus('0.5'), 500_000_000);
  assert.equal(parseCpus('2'), 2e9);
  assert.equal(parseCpus('1/4'), 250_000_000);
  assert.equal(parseCpus('.000000001'), 1);
  assert.throws(() => parseCpus('0.0000000001'), { message: 'value is too precise' });
  assert.throws(() => parseCpus('lots'), { message: 'failed to parse lots as a rational number' });
});

test('env files as docker reads them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cais-env-'));
  try {
    const file = join(dir, 'env');
    await writeFile(file, '\uFEFF# comment\n\n  A=1\nB= spaced \nFROM_ENV\nUNSET\n');
    assert.deepEqual(readEnvFile(file, { FROM_ENV: 'x' }), ['A=1', 'B= spaced ', 'FROM_ENV=x']);
    await writeFile(file, 'BAD KEY=1\n');
    assert.throws(() => readEnvFile(file, {}), { message: "poorly formatted environment: variable 'BAD KEY' contains whitespaces" });
    assert.throws(() => readEnvFile(join(dir, 'missing'), {}), { message: `open ${join(dir, 'missing')}: no such file or directory` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
