// The cais CLI against a real daemon: the image commands end to end, each
// output compared byte for byte with what the docker CLI (28.x, on this
// machine) prints for the same daemon.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../support/exec.js';
import { busyboxRootfs, makeTar } from '../support/images.js';
import { cliEntry, clis } from '../support/cli.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';

/** The compiled CLI beside this test (dist/ or dist-NAME/); bin/cais imports the same module. */

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
let rootfs: Buffer;


const { cais, docker, bothSay } = clis(() => env);

before(async () => {
  daemon = await startDaemon();
  work = await mkdtemp(join(tmpdir(), 'cais-cli-'));
  // DOCKER_CONFIG keeps the docker CLI away from ~/.docker; CAIS_HOST wins over DOCKER_HOST for cais.
  env = { ...process.env, CAIS_HOST: daemon.host, DOCKER_HOST: daemon.host, DOCKER_CONFIG: work };
  rootfs = await busyboxRootfs();
});

after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('cais image commands', () => {
  it('imports from stdin and from a file, printing the image id', async () => {
    const fromStdin = await cais(['import', '-c', 'CMD ["/bin/sh"]', '-m', 'from stdin', '-', 'bb:latest'], rootfs);
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.match(fromStdin.stdout, /^sha256:[0-9a-f]{64}\n$/);
    const file = join(work, 'tiny.tar');
    await writeFile(file, await makeTar([{ name: 'hello.txt', content: 'hello\n' }]));
    const fromFile = await cais(['image', 'import', file, 'tiny:1.0']);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    const inspect = JSON.parse((await cais(['image', 'inspect', 'bb'])).stdout) as { Id: string; Comment: string; Config: { Cmd: string[] } }[];
    assert.equal(inspect[0]?.Id, fromStdin.stdout.trim());
    assert.deepEqual(inspect[0]?.Config.Cmd, ['/bin/sh']);
    assert.equal(inspect[0]?.Comment, 'from stdin');
  });

  it('refuses a bad repository before sending anything', async () => {
    const before = (await cais(['images', '-q'])).stdout;
    const r = await cais(['import', '-', 'BAD'], rootfs);
    assert.deepEqual(r, { code: 1, stdout: '', stderr: 'invalid reference format: repository name (library/BAD) must be lowercase\n' });
    assert.equal((await cais(['images', '-q'])).stdout, before);
  });

  it('checks tag references as the docker client does, digests included', async () => {
    for (const target of ['Bad', 'a b', `x@sha256:${'a'.repeat(32)}`, `x@sha256:${'a'.repeat(64)}`]) {
      await bothSay(['tag', 'bb', target]);
    }
  });

  it('tags, then lists images as docker does', async () => {
    assert.deepEqual(await cais(['tag', 'bb', 'bb:second']), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await cais(['image', 'tag', 'bb', 'localhost:5000/team/bb:v1']), { code: 0, stdout: '', stderr: '' });
    for (const args of [
      ['images'],
      ['images', '-a', '--digests'],
      ['images', '--no-trunc'],
      ['images', '-q'],
      ['image', 'ls', 'bb'],
      ['images', '--filter', 'reference=tiny'],
      ['images', '--format', 'table {{.Repository}}\t{{.Tag}}\t{{.Size}}\t{{.VirtualSize}}\t{{.CreatedAt}}'],
      ['images', '--format', '{{.ID}} {{.Repository}}:{{.Tag}} {{.Containers}} {{.SharedSize}} {{.UniqueSize}}'],
    ]) {
      await bothSay(args);
    }
    // One repository per image keeps docker's (random) map order out of this comparison.
    await bothSay(['images', '--format', 'json', 'tiny']);
  });

  it('shows history, inspect and disk usage as docker does', async () => {
    for (const args of [
      ['history', 'bb'],
      ['history', '--no-trunc', '-H=false', 'bb'],
      ['image', 'history', '--format', 'json', 'tiny:1.0'],
      ['history', '-q', 'bb'],
      ['inspect', 'bb'],
      ['image', 'inspect', 'bb', 'tiny:1.0'],
      ['image', 'inspect', '-f', 'json', 'bb'],
      ['inspect', '-f', '{{json .Config}} {{.Os}}/{{.Architecture}} {{.Size}} {{len .RootFS.Layers}}', 'bb'],
      ['inspect', '-f', '{{.Metadata}} {{.RootFS}}', 'tiny:1.0'],
      ['inspect', 'nope'],
      ['image', 'inspect', 'nope', 'bb'],
      ['inspect', '-f', '{{.Nope}}', 'bb'],
      ['system', 'df'],
      ['system', 'df', '-v'],
      ['system', 'df', '--format', 'json'],
    ]) {
      await bothSay(args);
    }
  });

  it('prints the server half of version and info as docker does', async () => {
    const server = (text: string): string => text.slice(text.indexOf('\nServer:'));
    const [ours, theirs] = [await cais(['version']), await docker(['version'])];
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(server(ours.stdout), server(theirs.stdout));
    const [ourInfo, theirInfo] = [await cais(['info']), await docker(['info'])];
    assert.equal(ourInfo.code, 0, ourInfo.stderr);
    // SystemTime and the like tick; compare the layout line by line, minus values that change.
    // docker lists the runtimes in Go's random map order; compare them as a set.
    const shape = (text: string): string =>
      server(text)
        .replace(/^( System Time:).*$/m, '$1')
        .replace(/^( Runtimes:)(.*)$/m, (_, label: string, names: string) => `${label} ${names.trim().split(' ').sort().join(' ')}`);
    assert.equal(shape(ourInfo.stdout), shape(theirInfo.stdout));
    assert.equal((await cais(['info', '--format', '{{.ServerVersion}} {{.Driver}}'])).stdout, (await docker(['info', '--format', '{{.ServerVersion}} {{.Driver}}'])).stdout);
  });

  it('saves to stdout and to a file, byte for byte what docker saves, and loads it back', async () => {
    const sum = async (command: string): Promise<string> => (await run('sh', ['-c', `${command} | sha256sum`], { env })).stdout;
    const theirs = await sum('docker save bb tiny:1.0');
    assert.equal(await sum(`"${process.execPath}" "${cliEntry}" save bb tiny:1.0`), theirs);
    const file = join(work, 'saved.tar');
    assert.deepEqual(await cais(['save', '-o', file, 'bb', 'tiny:1.0']), { code: 0, stdout: '', stderr: '' });
    assert.equal(await sum(`cat "${file}"`), theirs);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const id = (await cais(['inspect', '-f', '{{.Id}}', 'tiny:1.0'])).stdout.trim();
    const removed = await cais(['rmi', 'tiny:1.0']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.ok(removed.stdout.startsWith(`Untagged: tiny:1.0\nDeleted: ${id}\n`), removed.stdout);
    const loaded = await cais(['load', '-i', file]);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /^(Loaded image: \S+\n)+$/);
    assert.ok(loaded.stdout.includes('Loaded image: tiny:1.0\n'));
    assert.equal((await cais(['inspect', '-f', '{{.Id}}', 'tiny:1.0'])).stdout.trim(), id);
    assert.deepEqual(await cais(['load', '-q'], await readFile(file)), await docker(['load', '-q'], await readFile(file)));
  });

  it('leaves no file behind when save fails', async () => {
    const file = join(work, 'never.tar');
    const r = await cais(['save', '-o', file, 'nope']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, (await docker(['save', 'nope'])).stderr);
    await assert.rejects(stat(file), { code: 'ENOENT' });
    assert.deepEqual(await cais(['save', '-o', join(work, 'missing-dir', 'x.tar'), 'bb']), {
      code: 1,
      stdout: '',
      stderr: `failed to save image: invalid output path: stat ${join(work, 'missing-dir')}: no such file or directory\n`,
    });
  });

  it('removes images, carrying on past errors and failing at the end', async () => {
    await cais(['tag', 'bb', 'gone:1']);
    const r = await cais(['rmi', 'gone:1', 'nope', 'bb:second']);
    assert.deepEqual(r, {
      code: 1,
      stdout: 'Untagged: gone:1\nUntagged: bb:second\n',
      stderr: 'Error response from daemon: No such image: nope:latest\n',
    });
    // With -f a missing image is reported but does not fail the command.
    assert.deepEqual(await cais(['image', 'rm', '-f', 'nope']), { code: 0, stdout: '', stderr: 'Error response from daemon: No such image: nope:latest\n' });
  });

  it('prunes dangling images after asking, as docker does', async () => {
    const id = (await cais(['import', '-'], await makeTar([{ name: 'x', content: 'dangling' }]))).stdout.trim();
    assert.deepEqual(await cais(['image', 'prune'], 'n\n'), {
      code: 0,
      stdout: 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ',
      stderr: '',
    });
    assert.match((await cais(['images', '-q', '--no-trunc'])).stdout, new RegExp(id));
    const pruned = await cais(['image', 'prune'], 'y\n');
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, new RegExp(`\\[y/N\\] Deleted Images:\\ndeleted: ${id}\\n(deleted: sha256:[0-9a-f]{64}\\n)*\\nTotal reclaimed space: \\d`));
    await bothSay(['image', 'prune', '-f']);
  });
});
