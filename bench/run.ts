// Benchmark: starting containers and keeping them. In one run:
//   - the floor: `crun run` of a prepared bundle (busybox root, /bin/true),
//     through the same mount-namespace wrapper cais uses on hybrid cgroup hosts;
//   - `cais run --rm bb true` and `docker run --rm bb true` through a cais daemon;
//   - 50 idle containers: their monitors' memory (PSS of the conmons), the
//     daemon's RSS, and GET /containers/json?all=1 with 8 concurrent clients.
//
//   node dist/bench/run.js [rounds]     (as root)
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startDaemon } from '../test/support/daemon.js';
import { busyboxRootfs } from '../test/support/images.js';
import { cliEntry } from '../test/support/cli.js';
import { throughput } from './throughput.js';
import { median, prepareFloor, removeFloorCgroups, run, timed } from './crun-floor.js';

const rounds = Number(process.argv[2] ?? 20);
const idle = 50;

/** PSS of a process in KiB (smaps_rollup). */
async function pssKiB(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
}

async function rssKiB(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
}

/** The conmon processes whose command line mentions `dir`. */
async function conmonsUnder(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('/usr/bin/conmon\0') && cmdline.includes(dir)) pids.push(Number(name));
  }
  return pids;
}

const dir = await mkdtemp(join(tmpdir(), 'cais-bench-run-'));
const daemon = await startDaemon();
try {
  await daemon.client.importImage(Readable.from(await busyboxRootfs()), { repo: 'bb:latest' }, () => {});
  const env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
  const floorRun = await prepareFloor(dir);
  const floor = median(await timed(rounds, floorRun));
  const docker = median(await timed(rounds, () => run('docker', ['run', '--rm', 'bb', 'true'], { env })));
  const cais = median(await timed(rounds, () => run(process.execPath, [cliEntry, 'run', '--rm', 'bb', 'true'], { env })));
  const nodeStart = median(await timed(rounds, () => run(process.execPath, ['-e', ''])));
  console.log(`${rounds} rounds, medians`);
  console.log(`floor   crun run of a prepared bundle        : ${floor.toFixed(1)} ms`);
  console.log(`docker  run --rm bb true (cais daemon)       : ${docker.toFixed(1)} ms (${(docker / floor).toFixed(1)}x the floor; target <= 6x)`);
  console.log(`cais    run --rm bb true                     : ${cais.toFixed(1)} ms (${(cais / floor).toFixed(1)}x the floor; of which node's own start ${nodeStart.toFixed(1)} ms)`);

  const rssBefore = await rssKiB(daemon.pid);
  for (let i = 0; i < idle; i++) {
    const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: ['sleep', '100000'] });
    await daemon.client.startContainer(Id);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const conmons = await conmonsUnder(daemon.execRoot);
  const pss = (await Promise.all(conmons.map(pssKiB))).reduce((a, b) => a + b, 0);
  const rssAfter = await rssKiB(daemon.pid);
  console.log(`${idle} idle containers: ${conmons.length} conmons, PSS ${(pss / 1024 / conmons.length).toFixed(2)} MiB per container (target <= 1 MiB)`);
  console.log(`daemon RSS: ${(rssBefore / 1024).toFixed(1)} MiB before, ${(rssAfter / 1024).toFixed(1)} MiB with ${idle} running (target < 100 MiB)`);
  const base = await throughput.floor();
  const list = await throughput.measure(daemon.socketPath, '/v1.50/containers/json?all=1');
  console.log(`GET /containers/json?all=1 with ${idle} running: ${list.toFixed(0)} req/s, 8 clients (target >= 2,000; bare node:http floor ${base.toFixed(0)} req/s)`);
} finally {
  await daemon.stop();
  await rm(dir, { recursive: true, force: true });
  await removeFloorCgroups();
}
