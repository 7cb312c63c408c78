// Requests per second over a unix socket with 8 concurrent keep-alive
// clients, and the floor for it: a bare node:http server in its own process
// (as the daemon is) answering "OK" on the same kind of socket.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const clients = 8;

async function measure(socketPath: string, path: string, seconds = 3): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const client = async (): Promise<void> => {
    while (Date.now() < end) {
      await new Promise<void>((resolve, reject) => {
        http
          .get({ socketPath, path, agent }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
            res.resume();
            res.on('end', resolve);
          })
          .on('error', reject);
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  return done / seconds;
}

async function floor(seconds = 3): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-bench-http-'));
  const socketPath = join(dir, 'floor.sock');
  const code = `require('node:http').createServer((q, s) => s.end('OK')).listen(${JSON.stringify(socketPath)}, () => console.log('ready'))`;
  const server = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await once(server.stdout, 'data');
    return await measure(socketPath, '/_ping', seconds);
  } finally {
    server.kill();
    await once(server, 'close');
    await rm(dir, { recursive: true, force: true });
  }
}

export const throughput = { measure, floor };
