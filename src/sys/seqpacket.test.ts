// SeqpacketSocket against a real SOCK_SEQPACKET server (python3, which
// scripts/setup installs: Node itself cannot listen on one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeqpacketSocket, seqpacketConnect } from './index.js';

// Sends "one" and "two", echoes each message back as "echo:<n>:<len>" (n
// counts messages) until end of stream, then sends "bye" and closes.
const server = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.bind(sys.argv[1]); s.listen(1); print("ready", flush=True)
c, _ = s.accept()
c.send(b"one"); c.send(b"two")
n = 0
while True:
    m = c.recv(65536)
    if not m: break
    n += 1
    c.send(b"echo:%d:%d" % (n, len(m)))
c.send(b"bye"); c.close()
`;

async function startServer(t: { after(fn: () => void): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-seqpacket-'));
  const path = join(dir, 'sock');
  const child = spawn('python3', ['-c', server, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await once(child.stdout, 'data');
  return path;
}

test('messages keep their boundaries both ways, and end of stream reaches the peer', async (t) => {
  const socket = SeqpacketSocket.connect(await startServer(t));
  const got: string[] = [];
  socket.on('message', (m) => got.push(m.toString()));
  // Wait for the first two before writing, so the order below is fixed.
  await new Promise<void>((resolve) => socket.on('message', () => got.length === 2 && resolve()));
  assert.equal(socket.send(Buffer.from('abc')), true);
  socket.send(Buffer.alloc(5000, 'x'));
  socket.endWrite();
  await once(socket, 'end');
  socket.close();
  assert.deepEqual(got, ['one', 'two', 'echo:1:3', 'echo:2:5000', 'bye']);
});

test('a full socket queues sends and drains them in order; pause stops reading', async (t) => {
  const socket = SeqpacketSocket.connect(await startServer(t));
  const got: string[] = [];
  socket.on('message', (m) => got.push(m.toString()));
  socket.pause();
  // The server echoes into a socket nobody reads: both directions fill up.
  let queued = false;
  for (let i = 0; i < 2000 && !queued; i++) queued = !socket.send(Buffer.alloc(4096, i % 256));
  assert.ok(queued, 'the socket never filled up');
  const drained = once(socket, 'drain');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(got.length, 0);
  socket.resume();
  await drained;
  socket.endWrite();
  await once(socket, 'end');
  socket.close();
  assert.equal(got[0], 'one');
  assert.equal(got.at(-1), 'bye');
  const echoes = got.filter((m) => m.startsWith('echo:'));
  assert.equal(echoes.length, got.length - 3);
  echoes.forEach((m, i) => assert.equal(m, `echo:${i + 1}:4096`));
});

test('connecting to a missing or non-SEQPACKET socket fails with the errno code', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cais-seqpacket-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.throws(() => seqpacketConnect(join(dir, 'missing')), { code: 'ENOENT', syscall: 'connect' });
  assert.throws(() => seqpacketConnect(join(dir, 'x'.repeat(120))), { code: 'ENAMETOOLONG' });
});
