import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedPrecondition } from '../common/index.js';
import { removePidfile, writePidfile } from './pidfile.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-pidfile-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('writes our pid (creating the directory) and removes it', async () => {
  const path = join(dir, 'new', 'cais.pid');
  await writePidfile(path);
  assert.equal(await readFile(path, 'utf8'), String(process.pid));
  await removePidfile(path);
  await assert.rejects(stat(path), { code: 'ENOENT' });
});

test('refuses while the pid in the file is alive, in Docker\'s words', async () => {
  const path = join(dir, 'alive.pid');
  const child = spawn('sleep', ['30']);
  try {
    await writeFile(path, `${child.pid}\n`);
    await assert.rejects(writePidfile(path), (err: unknown) => {
      assert.ok(err instanceof FailedPrecondition);
      assert.equal(err.message, `pid file found, ensure cais is not running or delete ${path}`);
      return true;
    });
    assert.equal(await readFile(path, 'utf8'), `${child.pid}\n`, 'the file is left alone');
    // Another process's file is not ours to remove.
    await removePidfile(path);
    assert.equal(await readFile(path, 'utf8'), `${child.pid}\n`);
  } finally {
    child.kill('SIGKILL');
  }
});

test('replaces a stale pid file: a dead pid, or garbage', async () => {
  const child = spawn('true');
  await new Promise((resolve) => child.on('exit', resolve));
  for (const content of [`${child.pid}`, 'not a pid', '']) {
    const path = join(dir, 'stale.pid');
    await writeFile(path, content);
    await writePidfile(path);
    assert.equal(await readFile(path, 'utf8'), String(process.pid));
    await removePidfile(path);
  }
});
