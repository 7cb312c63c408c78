// The real docker CLI (28.x) and cais side by side on a cais daemon: cp both
// ways (into a directory, renaming, `-` for tar on stdin/stdout, -L), diff,
// export | tar t, commit; the results and messages must agree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clis, type Clis } from '../support/cli.js';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { makeTar } from '../support/images.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
let both: Clis;
let container: string;

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  both = clis(() => env);
  work = await mkdtemp(join(tmpdir(), 'cais-fs-compat-'));
  await importBusybox(env);
  container = (await runOk('docker', ['create', '--name', 'box', 'bb', 'sh', '-c', 'echo hi > /new && rm /etc/group'], { env })).trim();
  await runToEnd('box');
  await mkdir(join(work, 'src/sub'), { recursive: true });
  await writeFile(join(work, 'src/a.txt'), 'alpha\n');
  await writeFile(join(work, 'src/sub/b.txt'), 'beta\n');
  await symlink('a.txt', join(work, 'src/link'));
});
after(async () => {
  if (container) await runOk('docker', ['rm', '-f', container], { env }).catch(() => undefined);
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Starts a created container through the API (no attach) and waits for it to exit 0. */
async function runToEnd(name: string): Promise<void> {
  const { exitCode: exited } = await daemon.client.waitContainer(name, 'next-exit');
  await daemon.client.startContainer(name);
  assert.equal(await exited, 0);
}

/** Runs the same cp with each CLI into its own directory; returns both directories. */
async function cpBoth(args: (dir: string) => string[]): Promise<[string, string]> {
  const dirs: [string, string] = [join(work, `docker-${Math.random()}`), join(work, `cais-${Math.random()}`)];
  await mkdir(dirs[0]);
  await mkdir(dirs[1]);
  const theirs = await both.docker(args(dirs[0]));
  const ours = await both.cais(args(dirs[1]));
  assert.deepEqual([ours.code, ours.stdout, ours.stderr], [theirs.code, theirs.stdout, theirs.stderr.replaceAll('docker', 'cais')], args(dirs[1]).join(' '));
  return dirs;
}

/** Every path under dir with its type and content, for comparing two trees. */
function tree(dir: string): string {
  return execFileSync('find', ['.', '-printf', '%y %m %p %l\\n'], { cwd: dir, encoding: 'utf8' }).split('\n').sort().join('\n') +
    execFileSync('sh', ['-c', 'find . -type f | sort | xargs -r sha256sum'], { cwd: dir, encoding: 'utf8' });
}

test('cp from a container: into a directory, renamed, dir/. contents, a symlink with and without -L, a tar to stdout', async () => {
  for (const [src, dst] of [
    ['box:/etc', ''],
    ['box:/etc/passwd', ''],
    ['box:/etc/passwd', 'renamed'],
    ['box:/etc', 'newdir'],
    ['box:/etc/.', ''],
    ['box:/bin/sh', ''],
    ['box:/new', 'x/'],
  ] as const) {
    const [a, b] = await cpBoth((dir) => ['cp', src, join(dir, dst)]);
    assert.equal(tree(b), tree(a), `${src} ${dst}`);
  }
  const [a, b] = await cpBoth((dir) => ['cp', '-L', 'box:/bin/sh', join(dir, 'sh')]);
  assert.equal(tree(b), tree(a));
  assert.equal((await readdir(b)).length, 1);
  const theirs = await both.docker(['cp', 'box:/etc', '-']);
  const ours = await both.cais(['cp', 'box:/etc', '-']);
  const list = (out: string) => execFileSync('tar', ['t'], { input: Buffer.from(out, 'latin1') }).toString();
  assert.equal(list(ours.stdout), list(theirs.stdout));
  assert.match(list(ours.stdout), /^etc\/\n(.*\n)*etc\/passwd\n/);
  assert.doesNotMatch(list(ours.stdout), /etc\/group/);
});

/** `tar tv` of a container path with the top name replaced by X and dates dropped, for comparing two copies. */
async function listing(path: string, top: string): Promise<string> {
  const tar = execFileSync('docker', ['cp', `box:${path}`, '-'], { env });
  return execFileSync('tar', ['tv', '--numeric-owner'], { input: tar })
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.replace(/^(\S+\s+\S+\s+\d+)\s+\S+\s+\S+\s+/, '$1 ').replace(` ${top}`, ' X'))
    .sort()
    .join('\n');
}

test('cp to a container: a file, a directory, renamed, dir/., a symlink and a tar from stdin', async () => {
  const src = join(work, 'src');
  const cases = [
    [join(src, 'a.txt'), '/'],
    [join(src, 'a.txt'), '/renamed.txt'],
    [src, '/copied'],
    [src, '/'],
    [`${src}/.`, '/'],
    [join(src, 'link'), '/'],
    ['-', '/'],
  ] as const;
  let n = 0;
  for (const [from, to] of cases) {
    n++;
    const results = [];
    for (const cli of ['docker', 'cais'] as const) {
      await both.docker(['cp', '-', 'box:/tmp'], await makeTar([{ name: `${cli}${n}/`, type: 'directory' }]));
      const input = from === '-' ? await makeTar([{ name: 'from-stdin', content: 'tar' }]) : undefined;
      results.push(await both[cli](['cp', from, `box:/tmp/${cli}${n}${to}`], input));
    }
    const [theirs, ours] = results;
    assert.deepEqual(ours, theirs, `cp ${from} ${to}`);
    assert.equal(await listing(`/tmp/cais${n}`, `cais${n}`), await listing(`/tmp/docker${n}`, `docker${n}`), `cp ${from} ${to}`);
  }
  for (const args of [
    ['cp', join(work, 'nope'), 'box:/tmp'],
    ['cp', '-', 'box:/etc/passwd'],
    ['cp', 'box:/nope', work],
    ['cp', 'box:/a', 'box:/b'],
    ['cp', 'a', 'b'],
  ]) {
    await both.bothSay(args);
  }
  // docker also logs its tar goroutine's broken pipe here, before or after the error.
  const theirs = await both.docker(['cp', src, 'box:/etc/passwd']);
  const ours = await both.cais(['cp', src, 'box:/etc/passwd']);
  assert.deepEqual([ours.code, ours.stderr], [1, 'cannot copy directory\n']);
  assert.deepEqual([theirs.code, theirs.stderr.includes('cannot copy directory\n')], [1, true]);
});

test('diff prints the changes as docker does; export | tar t lists the root', async () => {
  const diff = await both.bothSay(['diff', 'box']);
  assert.match(diff.stdout, /^C \/etc\nD \/etc\/group\n/m);
  assert.match(diff.stdout, /^A \/new$/m);
  await both.bothSay(['diff', 'nope']);
  const list = async (cli: 'docker' | 'cais'): Promise<string> => {
    const file = join(work, `${cli}-export.tar`);
    const r = await both[cli](['export', '-o', file, 'box']);
    assert.equal(r.code, 0, r.stderr);
    return execFileSync('tar', ['tf', file]).toString();
  };
  const ours = await list('cais');
  assert.equal(ours, await list('docker'));
  assert.ok(ours.includes('bin/busybox\n') && ours.includes('new\n') && !ours.includes('etc/group\n'));
  await both.bothSay(['export', '-o', join(work, 'no/such/dir/x.tar'), 'box']);
});

test('commit with -a -c -m prints the id; the image runs and saves to a tar skopeo reads', async () => {
  const run = async (cli: 'docker' | 'cais', tag: string) => {
    const r = await both[cli](['commit', '-a', 'me', '-m', 'msg', '-c', 'ENV X=1', '-c', 'CMD ["cat", "/new"]', 'box', `img:${tag}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^sha256:[0-9a-f]{64}\n$/);
    return r.stdout.trim();
  };
  await run('docker', 'docker');
  await run('cais', 'cais');
  const inspect = (tag: string) => execFileSync('docker', ['inspect', '-f', '{{json .Config.Env}}|{{json .Config.Cmd}}|{{.Author}}', `img:${tag}`], { env }).toString();
  assert.equal(inspect('cais'), inspect('docker'));
  assert.equal(inspect('cais'), '["X=1"]|["cat","/new"]|me\n');
  const history = await both.bothSay(['history', '--format', '{{.CreatedBy}}|{{.Comment}}', 'img:cais']);
  assert.match(history.stdout, /^sh -c echo hi > \/new && rm \/etc\/group\|msg\n/);
  await runOk('docker', ['create', '--name', 'child', 'img:cais'], { env });
  await runToEnd('child');
  assert.equal(await runOk('docker', ['logs', 'child'], { env }), 'hi\n');
  await runOk('docker', ['rm', '-f', 'child'], { env });
  await both.bothSay(['commit', 'box', 'Bad:Name']);
  await both.bothSay(['commit', 'nope']);
  const archive = join(work, 'img.tar');
  await runOk('docker', ['save', '-o', archive, 'img:cais'], { env });
  const inspected = JSON.parse(execFileSync('skopeo', ['inspect', '--config', `docker-archive:${archive}`]).toString()) as { rootfs: { diff_ids: string[] }; config: { Env: string[] } };
  assert.equal(inspected.rootfs.diff_ids.length, 2);
  assert.ok(inspected.config.Env.includes('X=1'));
});
