// Benchmark: networking. In one run:
//   - the floor: `crun run` of a prepared bundle (see crun-floor.ts);
//   - `docker run --rm bb true` through a cais daemon, on the default bridge
//     (network namespace, veth, addresses and the /etc files on the critical
//     path; teardown in the background);
//   - TCP throughput from a container to the host over the bridge, as a ratio
//     to the same transfer over the host's loopback: busybox `dd | nc` into a
//     busybox `nc -l` on the host, dd's own timing, 1 GiB each.
//
//   node dist/bench/network.js [rounds]     (as root)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startDaemon } from '../test/support/daemon.js';
import { busyboxRootfs } from '../test/support/images.js';
import { median, prepareFloor, removeFloorCgroups, run, timed } from './crun-floor.js';

const rounds = Number(process.argv[2] ?? 20);
const transfers = 3;
const blocks = 16384; // of 64 KiB: 1 GiB
const port = 18999;

/** MB/s of one transfer: a busybox nc server on the host, `client` (a command) sending through nc; dd's stderr gives the time. */
async function transfer(client: (script: string) => Promise<{ stderr: string }>, address: string): Promise<number> {
  const server = spawn('busybox', ['nc', '-l', '-p', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const done = new Promise((resolve) => server.once('exit', resolve));
  await new Promise((r) => setTimeout(r, 200));
  const { stderr } = await client(`dd if=/dev/zero bs=65536 count=${blocks} | nc ${address} ${port}`);
  await done;
  const seconds = Number(/copied, ([\d.]+) seconds/.exec(stderr)?.[1]);
  if (!(seconds > 0)) throw new Error(`no timing from dd: ${stderr}`);
  return (blocks * 65536) / seconds / 1e6;
}

const dir = await mkdtemp(join(tmpdir(), 'cais-bench-network-'));
const daemon = await startDaemon({ network: true });
try {
  await daemon.client.importImage(Readable.from(await busyboxRootfs()), { repo: 'bb:latest' }, () => {});
  const env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
  const floorRun = await prepareFloor(dir);
  const floor = median(await timed(rounds, floorRun));
  const bridged = median(await timed(rounds, () => run('docker', ['run', '--rm', 'bb', 'true'], { env })));
  console.log(`${rounds} rounds, medians`);
  console.log(`floor   crun run of a prepared bundle              : ${floor.toFixed(1)} ms`);
  console.log(`docker  run --rm bb true, default bridge (cais)    : ${bridged.toFixed(1)} ms (${(bridged / floor).toFixed(1)}x the floor; target <= 15x)`);

  const gateway = (await run('docker', ['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', 'bridge'], { env })).stdout.trim();
  const loopback: number[] = [];
  const overBridge: number[] = [];
  for (let i = 0; i < transfers; i++) {
    loopback.push(await transfer((script) => run('busybox', ['sh', '-c', script]), '127.0.0.1'));
    overBridge.push(await transfer((script) => run('docker', ['run', '--rm', 'bb', 'sh', '-c', script], { env }), gateway));
  }
  const host = median(loopback);
  const container = median(overBridge);
  console.log(`TCP, busybox dd | nc, 1 GiB, median of ${transfers}`);
  console.log(`floor   host loopback                              : ${host.toFixed(0)} MB/s`);
  console.log(`        container to host over the bridge          : ${container.toFixed(0)} MB/s (${(container / host).toFixed(2)} of loopback; target >= 0.8)`);
} finally {
  await daemon.stop();
  await rm(dir, { recursive: true, force: true });
  await removeFloorCgroups();
}
