// Benchmark: `DOCKER_BUILDKIT=0 docker build` of the shared build context
// (FROM deb, eight instructions, 5,000 small files and a 20 MiB one)
// through a cais daemon, in four cases: cold (--no-cache), fully cached,
// after touching one file's timestamp, after changing one small file. The
// floor, measured in the same run: copying the context into a Debian root
// and running the Dockerfile's four RUN commands there with plain crun.
//
//   node dist/bench/build.js [rounds]     (as root; BENCH_DIR, default /tmp/cais-bench)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRuntimeConfig, readHostFacts, serializeRuntimeConfig } from '../src/runtime/index.js';
import { startDaemon } from '../test/support/daemon.js';
import { median } from './crun-floor.js';
import { buildContext, debRootfs, sh } from './fixtures.js';

const rounds = Number(process.argv[2] ?? 5);
const runs = [
  'find /app -type f | wc -l > /app/count.txt',
  'sha256sum /app/big.bin > /app/big.sha256',
  'mkdir -p /opt/data && for i in $(seq 1 200); do echo "line $i" >> /opt/data/lines.txt; done',
  'useradd -m appuser && chown -R appuser /opt/data',
];

function ms(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One floor round: a fresh Debian root (not timed), then the copy and the four commands in crun (timed). */
async function floorRound(deb: string, ctx: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cais-bench-build-floor-'));
  try {
    const rootfs = join(dir, 'rootfs');
    sh(`mkdir ${rootfs} && tar -xf ${deb} -C ${rootfs}`);
    const facts = await readHostFacts();
    const bundles = runs.map((cmd, i) => {
      const bundle = join(dir, `b${i}`);
      const config = buildRuntimeConfig({ rootfs, args: ['/bin/sh', '-c', cmd], user: { uid: 0, gid: 0 }, cgroupsPath: `/cais-bench-build/c${i}`, hostname: 'floor' }, facts);
      sh(`mkdir ${bundle}`);
      writeFileSync(join(bundle, 'config.json'), serializeRuntimeConfig(config));
      return bundle;
    });
    return ms(() => {
      sh(`cp -a ${ctx}/. ${rootfs}/app/`);
      for (const [i, bundle] of bundles.entries()) {
        execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root ${join(dir, 'state')} run --bundle ${bundle} floor-${i}`], { stdio: 'ignore' });
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    sh('for c in /sys/fs/cgroup/*/cais-bench-build; do rmdir $c/c* $c 2>/dev/null; done; true');
  }
}

const deb = debRootfs();
const ctx = buildContext();
const daemon = await startDaemon();
try {
  const env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot, DOCKER_BUILDKIT: '0' };
  execFileSync('docker', ['import', '--change', 'CMD ["/bin/bash"]', deb, 'deb:latest'], { env, stdio: 'ignore' });
  const build = (args: string[] = []) => ms(() => execFileSync('docker', ['build', '-q', ...args, '-t', 'bench:build', ctx], { env, stdio: 'ignore' }));
  const small = join(ctx, 'small/d00/f0000');
  const original = execFileSync('cat', [small]);
  const cases: Record<string, number[]> = { floor: [], cold: [], cached: [], touched: [], modified: [] };
  build(); // warm: the base image's layers in the page cache
  try {
    for (let i = 0; i < rounds; i++) {
      cases.floor!.push(await floorRound(deb, ctx));
      cases.cold!.push(build(['--no-cache']));
      cases.cached!.push(build());
      const t = new Date(Date.now() + (i + 1) * 1000);
      utimesSync(small, t, t);
      cases.touched!.push(build());
      writeFileSync(small, `changed in round ${i}\n`);
      cases.modified!.push(build());
    }
  } finally {
    writeFileSync(small, original);
    sh(`touch -h -d @1700000000 ${small}`);
  }
  const floor = median(cases.floor!);
  console.log(`floor (copy the context, 4 RUN commands in crun): ${(floor / 1000).toFixed(2)} s`);
  for (const name of ['cold', 'cached', 'touched', 'modified']) {
    const m = median(cases[name]!);
    console.log(`${name.padEnd(9)} ${(m / 1000).toFixed(2)} s  (${(m / floor).toFixed(2)}x floor)`);
  }
} finally {
  await daemon.stop();
}
