// The cais CLI against a real daemon: create, ps, inspect, rm and prune of
// containers, each output compared byte for byte with what the docker CLI
// (28.x, on this machine) prints for the same daemon; bad input leaves no
// row and no directory behind.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../support/exec.js';
import { busyboxRootfs } from '../support/images.js';
import { cliEntry, clis } from '../support/cli.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { dockerDefinition } from '../support/schemas.js';


let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;


const { cais, docker, bothSay } = clis(() => env);

/** A JSON value without its null members (Go's nil slices and maps). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

const containerDirs = (): Promise<string[]> => readdir(join(daemon.dataRoot, 'containers'));

before(async () => {
  daemon = await startDaemon();
  work = await mkdtemp(join(tmpdir(), 'cais-cli-containers-'));
  env = { ...process.env, CAIS_HOST: daemon.host, DOCKER_HOST: daemon.host, DOCKER_CONFIG: work };
  const imported = await run(process.execPath, [cliEntry, 'import', '-c', 'CMD ["/bin/sh"]', '-c', 'ENV PATH=/bin B=image', '-', 'bb:latest'], {
    env,
    input: await busyboxRootfs(),
  });
  assert.equal(imported.code, 0, imported.stderr);
});

after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('cais container commands', () => {
  it('creates the same container as docker create from the same flags', async () => {
    // Not --env-file: Node 20 takes it for itself wherever it appears on the command line (see create-options.test.ts).
    const flags = ['-e', 'A=1', '-e', 'B=flag', '-l', 'x=y', '-l', 'bare', '-w', '/tmp', '-u', 'nobody', '-t', '-i', '--read-only',
      '--memory', '64m', '--cpus', '0.5', '--pids-limit', '100', '--restart', 'on-failure:3', '--stop-signal', 'SIGINT',
      '--stop-timeout', '5', '--cap-add', 'NET_ADMIN', '--cap-drop', 'CHOWN', '--init', '--network', 'none', '--runtime', 'runc'];
    const theirs = await docker(['create', '--name', 'd1', ...flags, 'bb', 'echo', 'hi there']);
    const ours = await cais(['create', '--name', 'c1', ...flags, 'bb', 'echo', 'hi there']);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.match(ours.stdout, /^[0-9a-f]{64}\n$/);
    const [d, c] = JSON.parse((await cais(['inspect', 'd1', 'c1'])).stdout) as Record<string, Record<string, unknown>>[];
    assert.equal(c!.Id, ours.stdout.trim());
    assert.deepEqual({ ...c!.HostConfig }, { ...d!.HostConfig });
    // The docker CLI sends -e values in no fixed order (they pass through a Go map): compare them as sets.
    const config = (x: Record<string, unknown>) => ({ ...(x.Config as object), Hostname: '', Env: [...((x.Config as { Env: string[] }).Env)].sort() });
    assert.deepEqual(config(c!), config(d!));
    assert.equal((c!.Config as { Hostname: string }).Hostname, ours.stdout.slice(0, 12));
    assert.deepEqual((c!.Config as { Env: string[] }).Env, ['A=1', 'B=flag', 'PATH=/bin']);
    assert.equal((c!.State as { Status: string }).Status, 'created');
    const dirs = c!.GraphDriver as { Data: Record<string, string> };
    assert.ok((await stat(dirs.Data.UpperDir!)).isDirectory());
    assert.ok((await stat(dirs.Data.WorkDir!)).isDirectory());
    const [one, two] = [await cais(['create', 'bb']), await cais(['create', '--entrypoint', '', 'bb', 'true'])];
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
  });

  it('lists, inspects and formats containers as docker does', async () => {
    for (const args of [
      ['ps'],
      ['ps', '-a'],
      ['ps', '-a', '--no-trunc'],
      ['ps', '-aq'],
      ['ps', '-a', '-s'],
      ['ps', '-n', '2'],
      ['ps', '-l', '--format', '{{.Names}} {{.Command}} {{.State}} {{.Status}} {{.Labels}}'],
      ['ps', '-a', '--filter', 'name=c1', '--format', 'json'],
      ['ps', '-a', '--filter', 'label=x=y', '--filter', 'status=created', '-q'],
      ['ps', '-a', '--filter', 'ancestor=bb', '-q'],
      ['ps', '-a', '--filter', 'before=c1', '-q'],
      ['ps', '-a', '--filter', 'since=d1', '-q'],
      ['ps', '-a', '--filter', 'status=bogus'],
      ['ps', '-a', '--filter', 'nope=1'],
      ['container', 'ls', '-a', '--format', 'table {{.ID}}\t{{.Image}}\t{{.Size}}'],
      ['inspect', 'c1'],
      ['container', 'inspect', '-s', '-f', '{{.State.Status}} {{.Name}} {{.SizeRw}} {{json .Config.Cmd}}', 'c1', 'd1'],
      ['inspect', '--type', 'container', 'bb'],
      ['inspect', 'nothing'],
      ['system', 'df'],
      ['system', 'df', '-v'],
      ['images', '--format', '{{.Repository}} {{.Containers}}'],
    ]) {
      await bothSay(args);
    }
  });

  it("answers with Docker's JSON shapes", async () => {
    const list = await daemon.client.listContainers({ all: true, size: true });
    assert.ok(list.length >= 4);
    const summary = dockerDefinition('ContainerSummary');
    for (const c of list) assert.ok(summary(c), JSON.stringify(summary.errors));
    // A container made through the API with Docker's defaults; the swagger cannot say two things Docker does:
    // Go's nil slices and maps are sent as null, and cais's log driver is conmon's k8s-file.
    const { Id } = await daemon.client.createContainer({ Image: 'bb', HostConfig: { LogConfig: { Type: 'none' } } });
    const inspect = dockerDefinition('ContainerInspectResponse');
    const doc = withoutNulls(await daemon.client.inspectContainer(Id, { size: true }));
    assert.ok(inspect(doc), JSON.stringify(inspect.errors));
    await daemon.client.removeContainer(Id);
  });

  it('refuses bad input as docker does, leaving no row and no directory', async () => {
    const rows = (await cais(['ps', '-aq', '--no-trunc'])).stdout;
    const dirs = await containerDirs();
    for (const args of [
      ['create', '--name', 'c1', 'bb'],
      ['create', '--name', 'bad name', 'bb'],
      ['create', '--memory', '1x', 'bb'],
      ['create', '--memory', '-1', 'bb'],
      ['create', '--memory', '1k', 'bb'],
      ['create', '--cpus', 'lots', 'bb'],
      ['create', '--cpus', '99', 'bb'],
      ['create', '--restart', 'bogus', 'bb'],
      ['create', '--restart', 'always:3', 'bb'],
      ['create', '--restart', ':3', 'bb'],
      ['create', '-w', 'relative', 'bb'],
      ['create', '--stop-signal', 'SIGNOPE', 'bb'],
      ['create', '--runtime', 'nope', 'bb'],
      // a registry that is not there (port 9 on loopback): the pull fails before any output
      ['create', '127.0.0.1:9/nosuchimage'],
      ['rm', 'nosuchcontainer'],
    ]) {
      const r = await bothSay(args);
      assert.notEqual(r.code, 0, `${args.join(' ')} succeeded`);
    }
    assert.equal((await bothSay(['rm', '-f', 'nosuchcontainer'])).code, 0);
    assert.equal((await cais(['ps', '-aq', '--no-trunc'])).stdout, rows);
    assert.deepEqual(await containerDirs(), dirs);
  });

  it('keeps images that containers use: rmi refuses, prune -a keeps them', async () => {
    // image inspect: a container whose id starts with "bb" would win a plain inspect, as in docker
    const id = (await cais(['image', 'inspect', '-f', '{{.Id}}', 'bb'])).stdout.trim();
    for (const args of [['rmi', 'bb'], ['rmi', id.slice(7, 19)], ['image', 'prune', '-a', '-f']]) await bothSay(args);
    assert.equal((await cais(['images', '-q'])).stdout, `${id.slice(7, 19)}\n`);
  });

  it('removes containers and their directories, by name or id prefix, and prunes the rest', async () => {
    const id = (await cais(['inspect', '-f', '{{.Id}}', 'c1'])).stdout.trim();
    assert.deepEqual(await cais(['rm', 'c1']), { code: 0, stdout: 'c1\n', stderr: '' });
    await assert.rejects(stat(join(daemon.dataRoot, 'containers', id)));
    const d1 = (await cais(['inspect', '-f', '{{.Id}}', 'd1'])).stdout.trim();
    assert.deepEqual(await cais(['container', 'rm', d1.slice(0, 8)]), { code: 0, stdout: `${d1.slice(0, 8)}\n`, stderr: '' });
    const left = (await cais(['ps', '-aq', '--no-trunc'])).stdout.trim().split('\n');
    const pruned = await cais(['container', 'prune', '-f']);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.equal(pruned.stdout, `Deleted Containers:\n${left.map((i) => `${i}\n`).join('')}\nTotal reclaimed space: 0B\n`);
    assert.deepEqual(await containerDirs(), []);
    await bothSay(['container', 'prune', '-f']);
    assert.equal((await cais(['rmi', 'bb'])).code, 0);
  });
});
