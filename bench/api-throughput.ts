// Benchmark: Engine API requests per second with 8 concurrent keep-alive
// clients over the unix socket, for GET /_ping, /images/json and
// /containers/json?all=1 with 50 created containers, against the floor of a
// bare node:http server answering the same socket path in the same run.
//
//   node dist/bench/api-throughput.js [seconds per endpoint]     (as root)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startDaemon } from '../test/support/daemon.js';
import { busyboxRootfs } from '../test/support/images.js';

const seconds = Number(process.argv[2] ?? 3);
const clients = 8;

/** Requests per second that `clients` keep-alive clients get from GET path for `seconds`. */
async function throughput(socketPath: string, path: string): Promise<number> {
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

/** The same load on a bare node:http server in its own process (as the daemon is), answering "OK". */
async function floor(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-bench-http-'));
  const socketPath = join(dir, 'floor.sock');
  const code = `require('node:http').createServer((q, s) => s.end('OK')).listen(${JSON.stringify(socketPath)}, () => console.log('ready'))`;
  const server = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await once(server.stdout, 'data');
    return await throughput(socketPath, '/_ping');
  } finally {
    server.kill();
    await once(server, 'close');
    await rm(dir, { recursive: true, force: true });
  }
}

const daemon = await startDaemon();
try {
  await daemon.client.importImage(Readable.from(await busyboxRootfs()), { repo: 'bb:latest' }, () => {});
  for (let i = 0; i < 50; i++) await daemon.client.createContainer({ Image: 'bb', Cmd: ['true'] });
  const base = await floor();
  console.log(`${clients} keep-alive clients, ${seconds} s per endpoint, unix socket`);
  console.log(`floor  bare node:http "OK"              : ${base.toFixed(0)} req/s`);
  for (const path of ['/_ping', '/v1.50/images/json', '/v1.50/containers/json?all=1']) {
    const rate = await throughput(daemon.socketPath, path);
    console.log(`cais   GET ${path.padEnd(30)}: ${rate.toFixed(0)} req/s (${(rate / base).toFixed(2)} of the floor)`);
  }
} finally {
  await daemon.stop();
}
