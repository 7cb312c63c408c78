// `cais daemon` as a process: readiness, socket mode, clean shutdown on
// SIGTERM, daemons side by side, and the refusals: a live socket, a live
// pid file, a TCP host without mutual TLS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient } from '../../src/client/index.js';
import { daemonEntry, startDaemon } from '../support/daemon.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-lifecycle-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a daemon that is expected to refuse to start; its exit code and stderr. */
function refused(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [daemonEntry, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function gone(path: string): Promise<boolean> {
  return stat(path).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
  );
}

test('starts, serves a 0660 socket, logs ready; SIGTERM removes socket and pid file and exits 0', async () => {
  const root = await mkdtemp(join(dir, 'run-'));
  const execRoot = join(root, 'exec');
  const socket = join(execRoot, 'cais.sock');
  const child = spawn(process.execPath, [daemonEntry, '--data-root', join(root, 'data'), '--exec-root', execRoot], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const client = new EngineClient({ host: `unix://${socket}` });
  try {
    // With no -H, the socket is <exec-root>/cais.sock.
    for (let i = 0; ; i++) {
      try {
        await client.ping();
        break;
      } catch (err) {
        if (i > 1500) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    assert.equal((await stat(socket)).mode & 0o777, 0o660);
    assert.equal(await readFile(join(execRoot, 'cais.pid'), 'utf8'), String(child.pid));
    assert.match(stderr, /ready/);
  } finally {
    client.close();
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  assert.ok(await gone(socket), 'socket removed');
  assert.ok(await gone(join(execRoot, 'cais.pid')), 'pid file removed');
});

test('two daemons with their own sockets and roots run side by side', async () => {
  const a = await startDaemon();
  const b = await startDaemon();
  try {
    assert.notEqual(a.socketPath, b.socketPath);
    assert.equal((await a.client.info()).DockerRootDir, a.dataRoot);
    assert.equal((await b.client.info()).DockerRootDir, b.dataRoot);
    await a.stop();
    assert.deepEqual(await b.client.ping(), { apiVersion: '1.50' });
  } finally {
    await a.stop();
    await b.stop();
  }
});

test('after kill -9 the stale socket and pid file do not stop a restart', async () => {
  const d = await startDaemon();
  try {
    const oldPid = d.pid;
    await d.kill9();
    assert.ok((await stat(d.socketPath)).isSocket(), 'the killed daemon left its socket');
    await d.restart();
    assert.notEqual(d.pid, oldPid);
    assert.deepEqual(await d.client.ping(), { apiVersion: '1.50' });
    assert.equal(await readFile(join(d.execRoot, 'cais.pid'), 'utf8'), String(d.pid));
  } finally {
    await d.stop();
  }
});

test('a second daemon refuses a socket another daemon answers on, and leaves it working', async () => {
  const d = await startDaemon();
  try {
    const other = await mkdtemp(join(dir, 'other-'));
    const r = await refused(['-H', d.host, '--data-root', join(other, 'data'), '--exec-root', join(other, 'exec')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /another daemon is running on this socket/);
    assert.deepEqual(await d.client.ping(), { apiVersion: '1.50' });
    assert.ok(await gone(join(other, 'exec', 'cais.pid')), 'the refused daemon removed its pid file');
  } finally {
    await d.stop();
  }
});

test('a second daemon refuses a pid file whose process is alive, in Docker\'s words', async () => {
  const d = await startDaemon();
  try {
    const other = await mkdtemp(join(dir, 'pid-'));
    const pidfile = join(d.execRoot, 'cais.pid');
    const r = await refused(['-H', `unix://${join(other, 'x.sock')}`, '--data-root', join(other, 'data'), '--exec-root', d.execRoot]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`pid file found, ensure cais is not running or delete ${pidfile}`), r.stderr);
    assert.equal(await readFile(pidfile, 'utf8'), String(d.pid));
    assert.deepEqual(await d.client.ping(), { apiVersion: '1.50' });
  } finally {
    await d.stop();
  }
});

test('a tcp:// host without mutual TLS is refused before anything is written', async () => {
  const other = await mkdtemp(join(dir, 'tcp-'));
  const execRoot = join(other, 'exec');
  for (const tlsArgs of [[], ['--tlsverify'], ['--tlscacert', '/nonexistent/ca.pem', '--tlscert', '/x', '--tlskey', '/y']]) {
    const r = await refused(['-H', 'tcp://127.0.0.1:2376', '--data-root', join(other, 'data'), '--exec-root', execRoot, ...tlsArgs]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refusing to listen on tcp:\/\/127\.0\.0\.1:2376 without mutual TLS/);
  }
  assert.ok(await gone(execRoot));
});

test('bad flags exit 125 with a hint', async () => {
  const r = await refused(['--bogus']);
  assert.equal(r.code, 125);
  assert.match(r.stderr, /unknown flag: --bogus/);
  assert.match(r.stderr, /cais daemon --help/);
});
