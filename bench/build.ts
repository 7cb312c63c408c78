// Benchmark: builds of the shared build context (FROM deb, eight
// instructions, 5,000 small files and a 20 MiB one) through a cais daemon,
// by `cais build` (which sends only the files the daemon's kept copy lacks)
// and by `DOCKER_BUILDKIT=0 docker build` (the whole context each time), in
// four cases: cold (--no-cache), fully cached, after touching one file's
// timestamp, after changing one small file. The
// floor, measured in the same run: copying the context into a Debian root
// and running the Dockerfile's four RUN commands there with plain crun.
//
//   node dist/bench/build.js [rounds]     (as root; BENCH_DIR, default /tmp/cais-bench)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuntimeConfig, readHostFacts, serializeRuntimeConfig } from '../src/runtime/index.js';
import { startDaemon } from '../test/support/daemon.js';
import { median } from './crun-floor.js';
import { buildContext, debRootfs, sh } from './fixtures.js';

const rounds = Number(process.argv[2] ?? 5);
/** The launcher users run (its node flags and environment are part of what is measured). */
const caisBin = fileURLToPath(new URL('../../bin/cais', import.meta.url));
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
  const env = { ...process.env, DOCKER_HOST: daemon.host, CAIS_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot, DOCKER_BUILDKIT: '0' };
  execFileSync('docker', ['import', '--change', 'CMD ["/bin/bash"]', deb, 'deb:latest'], { env, stdio: 'ignore' });
  const clis = {
    cais: (args: string[]) => [caisBin, ['build', '-q', ...args, '-t', 'bench:build', ctx]] as const,
    docker: (args: string[]) => ['docker', ['build', '-q', ...args, '-t', 'bench:build', ctx]] as const,
  };
  const small = join(ctx, 'small/d00/f0000');
  const original = execFileSync('cat', [small]);
  const cases = ['cold', 'cached', 'touched', 'modified'] as const;
  const times = new Map<string, number[]>();
  const record = (name: string, t: number) => times.set(name, [...(times.get(name) ?? []), t]);
  try {
    for (const [cli, command] of Object.entries(clis)) {
      const build = (args: string[] = []) => ms(() => {
        const [file, argv] = command(args);
        execFileSync(file, argv, { env, stdio: 'ignore' });
      });
      build(); // warm: the base image's layers in the page cache, the kept context
      for (let i = 0; i < rounds; i++) {
        record(`${cli} cold`, build(['--no-cache']));
        record(`${cli} cached`, build());
        const t = new Date(Date.now() + (i + 1) * 1000);
        utimesSync(small, t, t);
        record(`${cli} touched`, build());
        writeFileSync(small, `changed in round ${i} by ${cli}\n`);
        record(`${cli} modified`, build());
      }
    }
    for (let i = 0; i < rounds; i++) record('floor', await floorRound(deb, ctx));
  } finally {
    writeFileSync(small, original);
    sh(`touch -h -d @1700000000 ${small}`);
  }
  const floor = median(times.get('floor')!);
  console.log(`floor (copy the context, 4 RUN commands in crun): ${(floor / 1000).toFixed(2)} s`);
  for (const cli of Object.keys(clis)) {
    for (const name of cases) {
      const m = median(times.get(`${cli} ${name}`)!);
      console.log(`${cli.padEnd(6)} ${name.padEnd(9)} ${(m / 1000).toFixed(2)} s  (${(m / floor).toFixed(2)}x floor)`);
    }
  }
} finally {
  await daemon.stop();
}
