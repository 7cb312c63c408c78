// The shared benchmark inputs (../shared/bench/): made once under BENCH_DIR
// (default /tmp/cais-bench) and reused by later runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedBench = join(repo, '../shared/bench');
export const benchDir = process.env.BENCH_DIR ?? '/tmp/cais-bench';

export function sh(cmd: string): void {
  execFileSync('bash', ['-c', cmd], { stdio: 'inherit' });
}

/** `deb-rootfs.tar`: debootstrap's minbase bookworm (debootstrap installed when missing). */
export function debRootfs(): string {
  mkdirSync(benchDir, { recursive: true });
  const deb = join(benchDir, 'deb-rootfs.tar');
  if (!existsSync(deb)) {
    if (spawnSync('which', ['debootstrap']).status !== 0) sh('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null');
    sh(`BENCH_DIR=${benchDir} bash ${join(sharedBench, 'make-base-images.sh')} deb`);
  }
  return deb;
}

/** `build-ctx/`: a Dockerfile FROM deb with eight instructions, 5,000 small files and a 20 MiB one. */
export function buildContext(): string {
  const ctx = join(benchDir, 'build-ctx');
  if (!existsSync(join(ctx, 'Dockerfile'))) sh(`BENCH_DIR=${benchDir} bash ${join(sharedBench, 'make-fixtures.sh')}`);
  return ctx;
}
