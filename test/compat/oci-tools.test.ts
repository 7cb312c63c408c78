// Interop with tools nobody here wrote: skopeo reads what cais saves, and
// OCI layouts made by skopeo and umoci load into cais with the same config
// and layer digests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { busyboxRootfs } from '../support/images.js';
import { runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
const docker = (args: string[], input?: Buffer | string) => runOk('docker', args, { env, input });

async function tarDir(dir: string): Promise<Buffer> {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('tar', ['-C', dir, '-c', '.'], { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return r.stdout;
}

/** Follows an OCI layout's index.json to its first image: manifest digest, config digest, layer digests. */
async function readLayout(dir: string): Promise<{ config: string; layers: string[] }> {
  const blob = async (d: string) => JSON.parse(await readFile(join(dir, 'blobs', ...d.split(':')), 'utf8'));
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  const manifest = await blob(index.manifests[0].digest);
  const config = await blob(manifest.config.digest);
  return { config: manifest.config.digest, layers: config.rootfs.diff_ids };
}

before(async () => {
  daemon = await startDaemon();
  env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
  work = await mkdtemp(join(tmpdir(), 'cais-oci-tools-'));
  await docker(['import', '--change', 'CMD ["/bin/sh"]', '-', 'bb:latest'], await busyboxRootfs());
});
after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

test('skopeo inspects and copies an image saved by cais', async () => {
  const archive = join(work, 'bb.tar');
  await docker(['save', '-o', archive, 'bb:latest']);
  const inspect = JSON.parse(await docker(['image', 'inspect', 'bb']))[0];
  const skopeo = JSON.parse(await runOk('skopeo', ['inspect', `docker-archive:${archive}`]));
  assert.deepEqual(skopeo.Layers, inspect.RootFS.Layers, 'docker-archive layers are the uncompressed diffs');
  const config = JSON.parse(await runOk('skopeo', ['inspect', '--config', '--raw', `docker-archive:${archive}`]));
  assert.deepEqual(config.rootfs.diff_ids, inspect.RootFS.Layers);

  const layout = join(work, 'skopeo-layout');
  await runOk('skopeo', ['copy', '--quiet', `docker-archive:${archive}`, `oci:${layout}:bb`]);
  const copied = await readLayout(layout);
  assert.deepEqual(copied.layers, inspect.RootFS.Layers);

  // The skopeo-made layout loads back with the same config and layers.
  await docker(['rmi', 'bb:latest']);
  const loaded = await docker(['load'], await tarDir(layout));
  assert.match(loaded, /Loaded image( ID)?: /);
  const back = JSON.parse(await docker(['image', 'inspect', copied.config]))[0];
  assert.equal(back.Id, copied.config);
  assert.deepEqual(back.RootFS.Layers, inspect.RootFS.Layers);
});

test('an OCI layout made by umoci loads with its config and layer digests', async () => {
  const layout = join(work, 'umoci-layout');
  const bundle = join(work, 'umoci-bundle');
  await runOk('umoci', ['init', '--layout', layout]);
  await runOk('umoci', ['new', '--image', `${layout}:app`]);
  await runOk('umoci', ['unpack', '--image', `${layout}:app`, bundle]);
  await writeFile(join(bundle, 'rootfs', 'hello.txt'), 'hello from umoci\n');
  await runOk('umoci', ['repack', '--image', `${layout}:app`, bundle]);
  await runOk('umoci', ['config', '--image', `${layout}:app`, '--config.cmd', '/hello', '--tag', 'app']);
  const made = await readLayout(layout);
  await docker(['load'], await tarDir(layout));
  const loaded = JSON.parse(await docker(['image', 'inspect', made.config]))[0];
  assert.equal(loaded.Id, made.config);
  assert.deepEqual(loaded.RootFS.Layers, made.layers);
  assert.deepEqual(loaded.Config.Cmd, ['/hello']);
});
