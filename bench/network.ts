// Benchmark: networking. In one run:
//   - the floor: `crun run` of a prepared bundle (see crun-floor.ts);
//   - `docker run --rm bb true` through a cais daemon, on the default bridge
//     (network namespace, veth, addresses and the /etc files on the critical
//     path; teardown in the background);
//   - TCP throughput from a container to the host over the bridge, as a ratio
//     to the same transfer over the host's loopback: the same client (the
//     host's node, bind-mounted into the container with /usr, writing 1 MiB
//     at a time) into a sink on the host that times first byte to end, 1 GiB
//     each. (busybox nc's small writes measure per-write cost instead: veth
//     costs more per packet than loopback; both reach ~1.7 GB/s with large
//     writes on these machines.)
//
//   node dist/bench/network.js [rounds]     (as root)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startDaemon } from '../test/support/daemon.js';
import { busyboxRootfs } from '../test/support/images.js';
import { median, prepareFloor, removeFloorCgroups, run, timed } from './crun-floor.js';

const rounds = Number(process.argv[2] ?? 20);
const transfers = 3;
const port = 18999;

// The sender: 1 GiB to host:port in 1 MiB writes.
const sender = `import net from 'node:net';
const [host, port] = [process.argv[2], Number(process.argv[3])];
const chunk = Buffer.alloc(1 << 20);
const socket = net.connect({ host, port }, () => {
  let sent = 0;
  const write = () => {
    while (sent < 1024) {
      sent++;
      if (!socket.write(chunk)) return socket.once('drain', write);
    }
    socket.end();
  };
  write();
});
`;
const total = 1024 * (1 << 20);

/** MB/s of one transfer into a sink on the host (first byte to end of stream); `client` runs the sender with the address and port. */
async function transfer(client: (address: string, port: number) => Promise<unknown>, address: string): Promise<number> {
  let first = 0n;
  let bytes = 0;
  let done: (seconds: number) => void = () => undefined;
  const received = new Promise<number>((resolve) => (done = resolve));
  const sink = net.createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      if (first === 0n) first = process.hrtime.bigint();
      bytes += chunk.length;
    });
    socket.on('end', () => done(Number(process.hrtime.bigint() - first) / 1e9));
  });
  await new Promise<void>((resolve) => sink.listen(port, '0.0.0.0', resolve));
  await client(address, port);
  const seconds = await received;
  sink.close();
  if (bytes !== total) throw new Error(`received ${bytes} bytes`);
  return bytes / seconds / 1e6;
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
  const script = join(dir, 'send.mjs');
  await writeFile(script, sender);
  // The host's node in the container: /usr bind-mounted, /lib and /lib64 pointing into it as on the host.
  const inContainer = (address: string, p: number) =>
    run('docker', ['run', '--rm', '-v', '/usr:/usr:ro', '-v', `${script}:/send.mjs:ro`, 'bb', '/bin/sh', '-c', `ln -s usr/lib /lib; ln -s usr/lib64 /lib64; exec /usr/bin/node /send.mjs ${address} ${p}`], { env });
  const loopback: number[] = [];
  const overBridge: number[] = [];
  for (let i = 0; i < transfers; i++) {
    loopback.push(await transfer((address, p) => run(process.execPath, [script, address, String(p)]), '127.0.0.1'));
    overBridge.push(await transfer(inContainer, gateway));
  }
  const host = median(loopback);
  const container = median(overBridge);
  console.log(`TCP, node client with 1 MiB writes, 1 GiB, median of ${transfers}`);
  console.log(`floor   host loopback                              : ${host.toFixed(0)} MB/s`);
  console.log(`        container to host over the bridge          : ${container.toFixed(0)} MB/s (${(container / host).toFixed(2)} of loopback; target >= 0.8)`);
} finally {
  await daemon.stop();
  await rm(dir, { recursive: true, force: true });
  await removeFloorCgroups();
}
