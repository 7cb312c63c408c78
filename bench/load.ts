// Benchmark: `cais load` of a ~150 MB two-layer image (a Debian minbase root
// filesystem and a 100 MiB layer, both gzip-compressed) against the floor of
// `gzip -dc | tar -x` of the same layers into a temporary directory, measured
// in the same run. Prints medians and their ratio (target: at most 1.3x).
//
//   node dist/bench/load.js [rounds]      (as root; BENCH_DIR, default /tmp/cais-bench)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { startDaemon } from '../test/support/daemon.js';
import { benchDir, debRootfs, sh } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const rounds = Number(process.argv[2] ?? 5);


async function sha256File(path: string, gunzip: boolean): Promise<string> {
  const hash = createHash('sha256');
  const source = createReadStream(path);
  if (gunzip) await pipeline(source, createGunzip(), hash);
  else await pipeline(source, hash);
  return `sha256:${hash.digest('hex')}`;
}

/** The inputs: two gzip layers and a docker-archive/OCI-layout tar holding them. */
async function prepare(): Promise<{ layers: string[]; archive: string }> {
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

function timed(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const { layers, archive } = await prepare();
const daemon = await startDaemon();
const cais = join(repo, 'bin/cais');
const env = { ...process.env, CAIS_HOST: daemon.host };
const floor: number[] = [];
const load: number[] = [];
try {
  for (let i = 0; i < rounds; i++) {
    const target = mkdtempSync(join(tmpdir(), 'cais-bench-floor-'));
    floor.push(timed(() => { for (const l of layers) sh(`gzip -dc ${l} | tar -x -C ${target}`); }));
    rmSync(target, { recursive: true });
    load.push(timed(() => execFileSync(cais, ['load', '-q', '-i', archive], { env, stdio: 'ignore' })));
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
