// The shared benchmark inputs (../shared/bench/): made once under BENCH_DIR
// (default /tmp/cais-bench) and reused by later runs.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { pack } from 'tar-stream';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedBench = join(repo, '../shared/bench');
export const benchDir = process.env.BENCH_DIR ?? '/tmp/cais-bench';

/** The middle value (the upper one of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** How long fn takes, in ms. */
export function elapsedMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

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

async function sha256File(path: string, gunzip: boolean): Promise<string> {
  const hash = createHash('sha256');
  const source = createReadStream(path);
  if (gunzip) await pipeline(source, createGunzip(), hash);
  else await pipeline(source, hash);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * A ~150 MB image: a Debian minbase layer and a 100 MiB random one, both
 * gzip, and a tar holding them that is both a docker-archive and an OCI
 * layout (loadbench:latest).
 */
export async function loadImageArchive(): Promise<{ layers: string[]; archive: string }> {
  const deb = debRootfs();
  const layers = [join(benchDir, 'load-layer1.tar.gz'), join(benchDir, 'load-layer2.tar.gz')];
  if (!existsSync(layers[0]!)) sh(`gzip -c ${deb} > ${layers[0]}.part && mv ${layers[0]}.part ${layers[0]}`);
  if (!existsSync(layers[1]!)) {
    const d = mkdtempSync(join(tmpdir(), 'cais-bench-'));
    sh(`openssl enc -aes-128-ctr -nosalt -pass pass:cais-load -md sha256 </dev/zero 2>/dev/null | head -c 104857600 > ${d}/random.bin`);
    sh(`tar --mtime=@0 --owner=0 --group=0 --numeric-owner -C ${d} -c random.bin | gzip -c > ${layers[1]}.part && mv ${layers[1]}.part ${layers[1]}`);
    rmSync(d, { recursive: true });
  }
  const archive = join(benchDir, 'load-image.tar');
  if (!existsSync(archive)) await writeArchive(layers, archive);
  return { layers, archive };
}

async function writeArchive(layers: string[], out: string): Promise<void> {
  const diffIds = await Promise.all(layers.map((l) => sha256File(l, true)));
  const blobs = await Promise.all(layers.map((l) => sha256File(l, false)));
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z',
    config: { Cmd: ['/bin/bash'] }, rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map(() => ({ created: '2026-01-01T00:00:00Z', created_by: 'bench' })),
  }));
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: layers.map((l, i) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: blobs[i], size: statSync(l).size })),
  }));
  const manifestDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const hex = (d: string) => d.slice('sha256:'.length);
  const p = pack();
  const done = pipeline(p, createWriteStream(out));
  const addFile = async (name: string, path: string) => {
    const entry = p.entry({ name, size: statSync(path).size });
    await pipeline(createReadStream(path), entry);
  };
  for (let i = 0; i < layers.length; i++) await addFile(`blobs/sha256/${hex(blobs[i]!)}`, layers[i]!);
  p.entry({ name: `blobs/sha256/${hex(configDigest)}` }, config);
  p.entry({ name: `blobs/sha256/${hex(manifestDigest)}` }, manifest);
  p.entry({ name: 'oci-layout' }, JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  p.entry({ name: 'index.json' }, JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length,
      annotations: { 'io.containerd.image.name': 'docker.io/library/loadbench:latest', 'org.opencontainers.image.ref.name': 'latest' } }],
  }));
  p.entry({ name: 'manifest.json' }, JSON.stringify([{
    Config: `blobs/sha256/${hex(configDigest)}`, RepoTags: ['loadbench:latest'], Layers: blobs.map((b) => `blobs/sha256/${hex(b)}`),
  }]));
  p.finalize();
  await done;
}
