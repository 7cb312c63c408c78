// The CLI's daemon autostart: with nothing on the socket it starts a real
// daemon in the background, waits for it, and reuses it afterwards; a
// daemon that cannot start is reported with its log. (The CLI autostarts
// only for the default socket, /run/cais/cais.sock; these tests give
// ensureDaemon a temporary one, and the daemon entry of this build.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EngineClient } from '../../src/client/index.js';
import { ensureDaemon } from '../../src/cli/daemon-autostart.js';
import { daemonEntry } from '../support/daemon.js';

const roots: string[] = [];
const clients: EngineClient[] = [];

async function tempRoot(): Promise<{ root: string; execRoot: string; socketPath: string; command: string[] }> {
  const root = await mkdtemp(join(tmpdir(), 'cais-autostart-'));
  roots.push(root);
  const execRoot = join(root, 'exec');
  const socketPath = join(execRoot, 'cais.sock');
  const command = [daemonEntry, '--host', `unix://${socketPath}`, '--data-root', join(root, 'data'), '--exec-root', execRoot];
  return { root, execRoot, socketPath, command };
}

function client(socketPath: string): EngineClient {
  const c = new EngineClient({ host: `unix://${socketPath}` });
  clients.push(c);
  return c;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a daemon we started (by the pid in its pidfile) and waits until it is gone. */
async function stopDaemon(execRoot: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(execRoot, 'cais.pid'), 'utf8')).trim());
  } catch {
    return;
  }
  if (!(pid > 0) || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

after(async () => {
  for (const c of clients) c.close();
  for (const root of roots) {
    await stopDaemon(join(root, 'exec'));
    // Anything the daemon left mounted under the root, deepest first.
    const mounts = (await readFile('/proc/self/mountinfo', 'utf8'))
      .split('\n')
      .map((l) => l.split(' ')[4] ?? '')
      .filter((p) => p.startsWith(root + '/'))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    await rm(root, { recursive: true, force: true });
  }
});

describe('daemon autostart', () => {
  it('starts a daemon when nothing listens, logs to <exec-root>/cais-daemon.log, and reuses it', async () => {
    const { execRoot, socketPath, command } = await tempRoot();
    const c = client(socketPath);
    await assert.rejects(c.ping());
    await ensureDaemon(c, { socketPath, command });
    assert.ok((await c.ping()).apiVersion);
    const pid = Number((await readFile(join(execRoot, 'cais.pid'), 'utf8')).trim());
    assert.ok(alive(pid));
    await readFile(join(execRoot, 'cais-daemon.log'));
    // A second call finds it running and starts nothing.
    await ensureDaemon(c, { socketPath, command: [join(execRoot, 'no-such-entry.js')] });
    assert.equal(Number((await readFile(join(execRoot, 'cais.pid'), 'utf8')).trim()), pid);
  });

  it('reports a daemon that exits, pointing at its log', async () => {
    const { execRoot, socketPath } = await tempRoot();
    const logPath = join(execRoot, 'cais-daemon.log');
    await assert.rejects(ensureDaemon(client(socketPath), { socketPath, command: [daemonEntry, '--no-such-flag'] }), {
      message: `failed to start the cais daemon (exit status 125): see ${logPath}`,
    });
    assert.match(await readFile(logPath, 'utf8'), /unknown flag: --no-such-flag/);
  });
});
