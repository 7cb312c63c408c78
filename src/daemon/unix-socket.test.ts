import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedPrecondition } from '../common/index.js';
import { clearStaleSocket } from './unix-socket.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-socket-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('nothing there: nothing to do', async () => {
  await clearStaleSocket(join(dir, 'none.sock'));
});

test('a live socket is refused and left in place', async () => {
  const path = join(dir, 'live.sock');
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    await assert.rejects(clearStaleSocket(path), FailedPrecondition);
    assert.ok((await stat(path)).isSocket());
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a stale socket (its process killed) is removed', async () => {
  const path = join(dir, 'stale.sock');
  // A process that listens and is then killed leaves its socket file behind.
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`]);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
  assert.ok((await stat(path)).isSocket());
  await clearStaleSocket(path);
  await assert.rejects(stat(path), { code: 'ENOENT' });
});

test('a path that is not a socket is refused, not deleted', async () => {
  const path = join(dir, 'file.sock');
  await writeFile(path, 'data');
  await assert.rejects(clearStaleSocket(path), FailedPrecondition);
  assert.ok((await stat(path)).isFile());
});
