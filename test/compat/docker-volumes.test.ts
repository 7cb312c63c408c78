// `cais volume` and the real docker CLI (28.x) against the same cais daemon:
// create, ls, inspect, rm and prune, their help, errors and exit codes,
// byte for byte. Commands that change state run once for each CLI on
// twin volumes, and their outputs are compared with the names swapped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { clis } from '../support/cli.js';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import type { RunResult } from '../support/exec.js';
import { makeTar } from '../support/images.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
const { cais, docker, bothSay } = clis(() => env);

before(async () => {
  daemon = await startDaemon();
  work = await mkdtemp(join(tmpdir(), 'cais-compat-volumes-'));
  env = { ...process.env, CAIS_HOST: daemon.host, DOCKER_HOST: daemon.host, DOCKER_CONFIG: work };
  const tar = await makeTar([{ name: 'bin/', type: 'directory' }, { name: 'bin/app', content: 'x', mode: 0o755 }]);
  await daemon.client.importImage(Readable.from([tar]), { repo: 'app', changes: ['CMD ["/bin/app"]'] }, () => {});
});
after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs `args(name)` with docker on one name and with cais on its twin; the outputs must match with the names swapped. */
async function twins(args: (name: string) => string[], names: [string, string], input?: string): Promise<RunResult> {
  const theirs = await docker(args(names[0]), input);
  const ours = await cais(args(names[1]), input);
  const swap = (r: RunResult): RunResult => ({ ...r, stdout: r.stdout.replaceAll(names[0], names[1]), stderr: r.stderr.replaceAll(names[0], names[1]).replaceAll('docker', 'cais') });
  assert.deepEqual(ours, swap(theirs), `volume ${args(names[1]).join(' ')}`);
  return ours;
}

test('help and usage errors are docker\'s', async () => {
  // Help names the program on stdout too.
  for (const args of [
    ['volume'],
    ['volume', '--help'],
    ['volume', 'create', '--help'],
    ['volume', 'ls', '--help'],
    ['volume', 'list', '--help'],
    ['volume', 'inspect', '--help'],
    ['volume', 'rm', '--help'],
    ['volume', 'remove', '--help'],
    ['volume', 'prune', '--help'],
  ]) {
    const theirs = await docker(args);
    const named = (text: string): string => text.replace(/docker(?!\.com)/g, 'cais');
    assert.deepEqual(await cais(args), { ...theirs, stdout: named(theirs.stdout), stderr: named(theirs.stderr) }, args.join(' '));
  }
  for (const args of [
    ['volume', 'inspect'],
    ['volume', 'rm'],
    ['volume', 'ls', 'extra'],
    ['volume', 'create', 'a', 'b'],
    ['volume', 'create', '--label', '=x', 'v1'],
    ['volume', 'create', '--bogus'],
    ['volume', 'prune', '--all', '--filter', 'all=1', '-f'],
  ]) {
    await bothSay(args);
  }
});

test('create prints the name, with the same errors for bad names, drivers and options', async () => {
  assert.equal((await bothSay(['volume', 'create', '--label', 'app=web', '--label', 'tier', 'web-data'])).stdout, 'web-data\n');
  assert.equal((await bothSay(['volume', 'create', '-o', 'type=tmpfs', '-o', 'device=tmpfs', '-o', 'o=size=1m', 'scratch'])).stdout, 'scratch\n');
  await bothSay(['volume', 'create', '--name', 'db-data']);
  const failures = [
    ['volume', 'create', 'x'],
    ['volume', 'create', 'no/slash'],
    ['volume', 'create', '-d', 'nfs', 'nfs-data'],
    ['volume', 'create', '-o', 'uid=1', 'opts'],
    ['volume', 'create', '-o', 'type=nfs', 'opts'],
    ['volume', 'create', '--name', 'a1', 'a2'],
  ];
  for (const args of failures) assert.equal((await bothSay(args)).code, 1, args.join(' '));
  // Anonymous: each CLI makes its own, and prints a 64-hex name.
  for (const run of [docker, cais]) assert.match((await run(['volume', 'create'])).stdout, /^[0-9a-f]{64}\n$/);
  assert.deepEqual((await readdir(join(daemon.dataRoot, 'volumes'))).length, 5);
});

test('ls and inspect print the same tables, templates and JSON', async () => {
  for (const args of [
    ['volume', 'ls'],
    ['volume', 'list', '-q'],
    ['volume', 'ls', '--format', 'json'],
    ['volume', 'ls', '--format', 'table {{.Name}}\t{{.Labels}}\t{{.Mountpoint}}\t{{.Links}}'],
    ['volume', 'ls', '--format', 'raw'],
    ['volume', 'ls', '-f', 'label=app=web'],
    ['volume', 'ls', '-f', 'name=data', '-f', 'dangling=true'],
    ['volume', 'ls', '-f', 'driver=local', '-q'],
    ['volume', 'ls', '-f', 'bogus=1'],
    ['volume', 'ls', '-f', 'dangling=maybe'],
    ['volume', 'ls', '--format', '{{.Nope}}'],
    ['volume', 'inspect', 'web-data', 'scratch'],
    ['volume', 'inspect', '--format', 'json', 'db-data'],
    ['volume', 'inspect', '-f', '{{.Name}} {{.Driver}} {{.Labels}} {{.Options}} {{.Scope}}', 'web-data', 'scratch'],
    ['volume', 'inspect', 'web-data', 'missing'],
    ['volume', 'inspect', '-f', '{{.Nope}}', 'web-data'],
    ['inspect', 'web-data'],
    ['inspect', '--type', 'volume', '-f', '{{.Name}} {{.Options}}', 'scratch'],
    ['inspect', '-f', '{{.Nope}}', 'web-data'],
  ]) {
    await bothSay(args);
  }
});

test('rm prints each name; missing and in-use volumes fail with the daemon\'s message', async () => {
  for (const name of ['gone-d', 'gone-c']) await daemon.client.createVolume({ Name: name, Driver: '', DriverOpts: {}, Labels: {} });
  const removed = await twins((name) => ['volume', 'rm', name, 'missing'], ['gone-d', 'gone-c']);
  assert.deepEqual([removed.code, removed.stdout, removed.stderr], [1, 'gone-c\n', 'Error response from daemon: get missing: no such volume\n']);
  assert.equal((await bothSay(['volume', 'rm', '-f', 'missing'])).stdout, 'missing\n');
  const { Id } = await daemon.client.createContainer({ Image: 'app', HostConfig: { Binds: ['web-data:/web'] } });
  const inUse = await bothSay(['volume', 'remove', '-f', 'web-data']);
  assert.deepEqual([inUse.code, inUse.stderr], [1, `Error response from daemon: remove web-data: volume is in use - [${Id}]\n`]);
  await bothSay(['volume', 'ls', '-f', 'dangling=false']);
  await daemon.client.removeContainer(Id);
});

test('prune asks, keeps named volumes unless --all, and reports what went', async () => {
  const declined = await bothSay(['volume', 'prune']);
  assert.deepEqual([declined.code, declined.stdout], [0, 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ']);
  const anonymous = (await docker(['volume', 'ls', '-q', '-f', 'label=com.docker.volume.anonymous'])).stdout.trim().split('\n');
  assert.equal(anonymous.length, 2);
  const theirs = await docker(['volume', 'prune'], 'y\n');
  const deleted = [...anonymous].sort().join('\n');
  assert.equal(theirs.stdout, `${declined.stdout}Deleted Volumes:\n${deleted}\n\nTotal reclaimed space: 0B\n`);
  await bothSay(['volume', 'prune', '-f']);
  // Twin named volumes, one for each CLI, pruned with --all and a label filter.
  for (const name of ['twin-d', 'twin-c']) await daemon.client.createVolume({ Name: name, Driver: '', DriverOpts: {}, Labels: { twin: name } });
  await twins((name) => ['volume', 'prune', '--all', '--filter', `label=twin=${name}`], ['twin-d', 'twin-c'], 'y\n');
  await twins((name) => ['volume', 'prune', '-a', '-f', '--filter', `label=twin=${name}`], ['twin-d', 'twin-c']);
  await bothSay(['volume', 'ls']);
});
