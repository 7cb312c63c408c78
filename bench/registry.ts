// Benchmark: push and pull of a ~150 MB image (bench/fixtures.ts's load
// image: a Debian minbase layer and a 100 MiB one, gzip) between a cais
// daemon and the CNCF distribution registry (Debian's docker-registry) on
// loopback: a push to an empty registry, the same push again, a pull into an
// empty store, and a pull of an image made of those layers and a small one
// while they are present. The floor, measured in the same run, is
// `gzip -dc | tar -x` of the same layers. Docker 20.10's figures here were
// 7.8 s, 43 ms, 4.95 s and 1.39 s; the targets are half of each, and a cold
// pull within 1.5x of the floor.
//
//   node dist/bench/registry.js [rounds]      (as root; BENCH_DIR, default /tmp/cais-bench)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineClient } from '../src/client/index.js';
import { startDaemon } from '../test/support/daemon.js';
import { startDistributionRegistry, type DistributionRegistry } from '../test/support/distribution-registry.js';
import { elapsedMs, loadImageArchive, median, sh } from './fixtures.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cais = join(repo, 'bin/cais');
const rounds = Number(process.argv[2] ?? 3);


const { layers, archive } = await loadImageArchive();
const daemon = await startDaemon();
const env = { ...process.env, CAIS_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
const run = (...args: string[]): void => {
  execFileSync(cais, args, { env, stdio: 'ignore' });
};
/** Each timed step starts with nothing left for the disk to write back from the one before. */
const settled = (fn: () => void): number => {
  sh('sync');
  return elapsedMs(fn);
};
const figures = { floor: [] as number[], pushCold: [] as number[], pushAgain: [] as number[], pushAgainApi: [] as number[], pullCold: [] as number[], pullWarm: [] as number[] };
const context = mkdtempSync(join(tmpdir(), 'cais-bench-registry-'));
let registry: DistributionRegistry | undefined;
try {
  // the small top layer of the second image: 1 MiB that compresses as little as the big one
  sh(`head -c 1048576 /dev/urandom > ${context}/small.bin`);
  for (let i = 0; i < rounds; i++) {
    const target = mkdtempSync(join(tmpdir(), 'cais-bench-floor-'));
    figures.floor.push(settled(() => { for (const l of layers) sh(`gzip -dc ${l} | tar -x -C ${target}`); }));
    rmSync(target, { recursive: true });

    registry = await startDistributionRegistry();
    const image = `${registry.domain}/bench/img:1`;
    const child = `${registry.domain}/bench/child:1`;
    run('load', '-q', '-i', archive);
    run('tag', 'loadbench:latest', image);
    figures.pushCold.push(settled(() => run('push', '-q', image)));
    figures.pushAgain.push(settled(() => run('push', '-q', image)));
    // a client of its own: the daemon closes idle keep-alive connections after 5 s
    const api = new EngineClient({ host: daemon.host });
    sh('sync');
    const start = process.hrtime.bigint();
    await api.pushImage(image, () => undefined, {});
    figures.pushAgainApi.push(Number(process.hrtime.bigint() - start) / 1e6);
    api.close();

    writeFileSync(join(context, 'Dockerfile'), `FROM ${image}\nCOPY small.bin /small.bin\n`);
    run('build', '-q', '-t', child, context);
    run('push', '-q', child);
    run('rmi', image, child, 'loadbench:latest');
    run('builder', 'prune', '-a', '-f');

    figures.pullCold.push(settled(() => run('pull', '-q', image)));
    figures.pullWarm.push(settled(() => run('pull', '-q', child)));
    run('rmi', image, child);
    await registry.stop();
    registry = undefined;
  }
} finally {
  await registry?.stop();
  await daemon.stop();
  rmSync(context, { recursive: true, force: true });
}

const f = median(figures.floor);
const line = (label: string, ms: number, target: string): void => console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   (target ${target})`);
// every round, since the disk's write-back makes later rounds noisier than the first
console.log(Object.entries(figures).map(([k, v]) => `${k}: ${v.map((x) => x.toFixed(0)).join(' ')}`).join('; '));
console.log(`image: ~150 MB, ${layers.length} gzip layers, Debian's docker-registry on loopback; ${rounds} rounds, medians`);
line('floor gzip -dc | tar -x', f, '-');
line('push to an empty registry', median(figures.pushCold), '<= 3900 ms (Docker 7.8 s)');
line('push again (cais push)', median(figures.pushAgain), '<= 21.5 ms (Docker 43 ms)');
line('push again (API only)', median(figures.pushAgainApi), '<= 21.5 ms');
line('pull into an empty store', median(figures.pullCold), `<= 2475 ms (Docker 4.95 s), <= 1.5x floor = ${(1.5 * f).toFixed(0)} ms`);
line('pull, base layers present', median(figures.pullWarm), '<= 695 ms (Docker 1.39 s)');
console.log(`ratio cold pull / floor: ${(median(figures.pullCold) / f).toFixed(2)}x (target <= 1.5x)`);
