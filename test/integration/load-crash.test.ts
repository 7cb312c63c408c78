// kill -9 of the daemon in the middle of loading a large image, then a
// restart: the store is consistent (no temp files, no half-unpacked layer,
// no blob that no image references), and the same load then succeeds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { makeTar } from '../support/images.js';
import { runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let archive: Buffer;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name));
}

before(async () => {
  daemon = await startDaemon();
  env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
  // A two-layer image of ~96 MB, made through cais itself and saved.
  const big = await makeTar([{ name: 'big.bin', content: randomBytes(64 << 20) }]);
  const more = await makeTar([{ name: 'more.bin', content: randomBytes(32 << 20) }]);
  await runOk('docker', ['import', '-', 'big:one'], { env, input: big });
  await runOk('docker', ['import', '-', 'big:two'], { env, input: more });
  const { spawnSync } = await import('node:child_process');
  const saved = spawnSync('docker', ['save', 'big:one', 'big:two'], { env, maxBuffer: 1 << 30 });
  assert.equal(saved.status, 0, String(saved.stderr));
  archive = saved.stdout;
  await runOk('docker', ['rmi', 'big:one', 'big:two'], { env });
});
after(async () => {
  await daemon?.stop();
});

test('kill -9 mid-load leaves a store that restarts clean, and the load then succeeds', async () => {
  const load = spawn('docker', ['load'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise((resolve) => load.on('close', resolve));
  load.stdin.on('error', () => {});
  // Feed half the archive, then kill the daemon while it is ingesting.
  load.stdin.write(archive.subarray(0, archive.length >> 1));
  await new Promise((r) => setTimeout(r, 300));
  await daemon.kill9();
  load.stdin.destroy();
  await exited;

  await daemon.restart();
  assert.deepEqual(await files(join(daemon.dataRoot, 'content', 'ingest')), []);
  assert.deepEqual(await files(join(daemon.dataRoot, 'layers', 'tmp')), []);
  assert.deepEqual(await files(join(daemon.dataRoot, 'content', 'blobs')), [], 'no blob without an image');
  assert.deepEqual((await readdir(join(daemon.dataRoot, 'layers'))).filter((n) => n !== 'tmp' && n !== 'empty'), []);
  assert.equal((await runOk('docker', ['images', '-q'], { env })).trim(), '');

  const out = await runOk('docker', ['load'], { env, input: archive });
  assert.match(out, /Loaded image: big:one/);
  assert.match(out, /Loaded image: big:two/);
});
