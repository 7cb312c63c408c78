// Benchmark: Engine API requests per second with 8 concurrent keep-alive
// clients over the unix socket, for GET /_ping, /images/json and
// /containers/json?all=1 with 50 created containers, against the floor of a
// bare node:http server answering the same socket path in the same run.
//
//   node dist/bench/api-throughput.js [seconds per endpoint]     (as root)
import { Readable } from 'node:stream';
import { startDaemon } from '../test/support/daemon.js';
import { busyboxRootfs } from '../test/support/images.js';
import { clients, throughput } from './throughput.js';

const seconds = Number(process.argv[2] ?? 3);

const daemon = await startDaemon();
try {
  await daemon.client.importImage(Readable.from(await busyboxRootfs()), { repo: 'bb:latest' }, () => {});
  for (let i = 0; i < 50; i++) await daemon.client.createContainer({ Image: 'bb', Cmd: ['true'] });
  const base = await throughput.floor(seconds);
  console.log(`${clients} keep-alive clients, ${seconds} s per endpoint, unix socket`);
  console.log(`floor  bare node:http "OK"              : ${base.toFixed(0)} req/s`);
  for (const path of ['/_ping', '/v1.50/images/json', '/v1.50/containers/json?all=1']) {
    const rate = await throughput.measure(daemon.socketPath, path, seconds);
    console.log(`cais   GET ${path.padEnd(30)}: ${rate.toFixed(0)} req/s (${(rate / base).toFixed(2)} of the floor)`);
  }
} finally {
  await daemon.stop();
}
