// Benchmark: `cais load` of a ~150 MB two-layer image (a Debian minbase root
// filesystem and a 100 MiB layer, both gzip-compressed) against the floor of
// `gzip -dc | tar -x` of the same layers into a temporary directory, measured
// in the same run. Prints medians and their ratio (target: at most 1.3x).
//
//   node dist/bench/load.js [rounds]      (as root; BENCH_DIR, default /tmp/cais-bench)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDaemon } from '../test/support/daemon.js';
import { elapsedMs, loadImageArchive, median, sh } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const rounds = Number(process.argv[2] ?? 5);



const { layers, archive } = await loadImageArchive();
const daemon = await startDaemon();
const cais = join(repo, 'bin/cais');
const env = { ...process.env, CAIS_HOST: daemon.host };
const floor: number[] = [];
const load: number[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    const target = mkdtempSync(join(tmpdir(), 'cais-bench-floor-'));
    floor.push(elapsedMs(() => { for (const l of layers) sh(`gzip -dc ${l} | tar -x -C ${target}`); }));
    rmSync(target, { recursive: true });
    load.push(elapsedMs(() => execFileSync(cais, ['load', '-q', '-i', archive], { env, stdio: 'ignore' })));
    execFileSync(cais, ['rmi', 'loadbench:latest'], { env, stdio: 'ignore' });
  }
} finally {
  await daemon.stop();
}
const size = statSync(archive).size;
const f = median(floor);
const l = median(load);
console.log(`image: ${(size / 1e6).toFixed(0)} MB archive, ${layers.length} gzip layers; ${rounds} rounds, medians`);
console.log(`floor  gzip -dc | tar -x : ${f.toFixed(0)} ms (${(size / 1e3 / f).toFixed(0)} MB/s)`);
console.log(`cais load              : ${l.toFixed(0)} ms (${(size / 1e3 / l).toFixed(0)} MB/s)`);
console.log(`ratio load/floor       : ${(l / f).toFixed(2)}x (target <= 1.3x)`);
