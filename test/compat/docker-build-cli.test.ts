// `docker build` (docker 28's classic builder, DOCKER_BUILDKIT=0) and
// `cais build` with the same flags against a server that only records what
// it is asked and answers as the classic builder does: the query of
// POST /build (but cais's own progress=cais) and the context tar (names,
// types, modes, owners, contents; the random name of a Dockerfile from
// outside the context aside) must be the same, and so must the output and
// the exit code. Then `builder prune` and `system prune` against the same
// server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEntry } from '../support/cli.js';
import { run, type RunResult } from '../support/exec.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';

interface Call {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

let server: RecordingServer;
let dir: string;
let calls: Call[] = [];
/** Answer progress=cais with vertex events, as the cais daemon does (docker never asks for it). */
let speakCais = false;
let failBuild = false;
const imageId = `sha256:${'ab'.repeat(32)}`;

function answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
  res.setHeader('Api-Version', '1.50');
  res.setHeader('OSType', 'linux');
  const url = new URL(req.url ?? '', 'http://x');
  const path = url.pathname.replace(/^\/v[0-9.]+/, '');
  if (path === '/_ping') return void res.end('OK');
  const query = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  calls.push({
    method: req.method ?? '',
    path,
    query,
    headers: { 'content-type': req.headers['content-type'], 'x-registry-config': req.headers['x-registry-config'] as string | undefined },
    body: Buffer.from(text, 'utf8'),
  });
  res.setHeader('Content-Type', 'application/json');
  if (path === '/version') return void res.end(JSON.stringify({ ApiVersion: '1.50', MinAPIVersion: '1.24', Version: '28.2.2', Os: 'linux', Arch: 'amd64' }));
  if (path === '/build' && speakCais && url.searchParams.get('progress') === 'cais') {
    const t = (ms: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + ms).toISOString();
    const vertex = (aux: object) => ({ id: 'cais.build.vertex', aux });
    const lines: object[] = [
      vertex({ vertex: 1, name: '[internal] load build definition from Dockerfile', started: t(0) }),
      vertex({ vertex: 1, status: { id: 'transferring dockerfile:', current: 13, done: true } }),
      vertex({ vertex: 1, completed: t(10) }),
      vertex({ vertex: 2, name: '[1/2] FROM scratch', started: t(10), completed: t(10), cached: true }),
      vertex({ vertex: 3, name: '[2/2] RUN true', started: t(20) }),
      failBuild ? vertex({ vertex: 3, completed: t(320), error: 'exit code: 1' }) : vertex({ vertex: 3, completed: t(320) }),
      ...(failBuild ? [{ errorDetail: { message: 'exit code: 1' }, error: 'exit code: 1' }] : [{ aux: { ID: imageId } }]),
    ];
    return void res.end(lines.map((l) => JSON.stringify(l) + '\n').join(''));
  }
  if (path === '/build') {
    // The classic builder's text, as a daemon without cais's progress answers.
    const quiet = url.searchParams.get('q') === '1';
    const lines = quiet
      ? [{ stream: `${imageId}\n` }, { aux: { ID: imageId } }]
      : [{ stream: 'Step 1/1 : FROM scratch\n' }, { stream: ' ---\u003e Running in 0123\n' }, { aux: { ID: imageId } }, { stream: `Successfully built ${imageId.slice(7, 19)}\n` }];
    return void res.end(lines.map((l) => JSON.stringify(l) + '\r\n').join(''));
  }
  if (path === '/build/prune') return void res.end(JSON.stringify({ CachesDeleted: ['c1', 'c2'], SpaceReclaimed: 12345 }));
  if (path === '/containers/prune') return void res.end(JSON.stringify({ ContainersDeleted: ['ct1'], SpaceReclaimed: 10 }));
  if (path === '/networks/prune') return void res.end(JSON.stringify({ NetworksDeleted: ['n1'] }));
  if (path === '/volumes/prune') return void res.end(JSON.stringify({ VolumesDeleted: ['v1'], SpaceReclaimed: 100 }));
  if (path === '/images/prune') return void res.end(JSON.stringify({ ImagesDeleted: [{ Untagged: 'x:1' }, { Deleted: 'sha256:aa' }], SpaceReclaimed: 1000 }));
  res.statusCode = 404;
  res.end('{"message":"page not found"}');
}

interface TarEntry {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  content: string;
}

/** The entries of a tar, read leniently: the docker CLI's tar with an added Dockerfile ends without padding or trailer. */
function tarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  const field = (b: Buffer, start: number, length: number): string => b.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
  const octal = (b: Buffer, start: number, length: number): number => parseInt(field(b, start, length).trim() || '0', 8);
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const h = tar.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] ?? 0x30);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    const prefix = field(h, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/` : '') + field(h, 0, 100);
    paxPath = undefined;
    entries.push({ name, type, mode: octal(h, 100, 8), uid: octal(h, 108, 8), gid: octal(h, 116, 8), content: data.toString('utf8') });
  }
  return entries;
}

const randomName = /\.dockerfile\.[0-9a-f]{20}/g;

/** What one CLI asked: the build's query (progress=cais aside) and its tar, sorted (the docker CLI adds its two entries in Go's map order). */
async function capture(cli: 'docker' | 'cais', args: string[], input?: string | Buffer): Promise<{ result: RunResult; query: Array<[string, string]>; entries: TarEntry[]; headers: Call['headers'] }> {
  calls = [];
  const env: NodeJS.ProcessEnv = { ...server.env, DOCKER_BUILDKIT: '0', FROM_ENV: 'from env <&>' };
  delete env.UNSET_ARG;
  const result = cli === 'docker' ? await run('docker', ['build', ...args], { env, cwd: dir, input }) : await run(process.execPath, [cliEntry, 'build', ...args], { env, cwd: dir, input });
  const stderr = result.stderr
    .replace(/DEPRECATED: The legacy builder is deprecated[^\n]*\n(( {12}[^\n]*)\n)*\n?/g, '')
    .replaceAll('docker', 'cais');
  const stdout = result.stdout.replace(/(Sending build context to Docker daemon) +\S+/, '$1  N');
  const build = calls.find((c) => c.path === '/build');
  const query = (build?.query ?? []).filter(([k, v]) => !(k === 'progress' && v === 'cais')).map(([k, v]) => [k, v.replace(randomName, '.dockerfile.R')] as [string, string]);
  const entries = tarEntries(build?.body ?? Buffer.alloc(0))
    .map((e) => ({ ...e, name: e.name.replace(randomName, '.dockerfile.R'), content: e.content.replace(randomName, '.dockerfile.R') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { result: { ...result, stdout, stderr }, query, entries, headers: build?.headers ?? {} };
}

async function sameBuild(args: string[], input?: string | Buffer): Promise<Awaited<ReturnType<typeof capture>>> {
  const theirs = await capture('docker', args, input);
  const ours = await capture('cais', args, input);
  assert.deepEqual(ours, theirs, `build ${args.join(' ')}`);
  return ours;
}

before(async () => {
  server = await startRecordingServer('cais-build-cli-', answer);
  dir = server.dir;
  const write = (name: string, content: string): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  };
  write('ctx/Dockerfile', 'FROM scratch\n');
  write('ctx/a.txt', 'a\n');
  write('ctx/sub/Dev', 'FROM dev\n');
  write('ctx/sub/deep/b.txt', 'b\n');
  write('outside.Dockerfile', 'FROM outside\n');
  write('ign/Dockerfile', 'FROM ignored\n');
  write('ign/.dockerignore', 'Dockerfile\n.dockerignore\n*.log\n');
  write('ign/x.log', 'noise');
  write('ign/keep.txt', 'kept\n');
  write('lower/dockerfile', 'FROM lower\n');
  mkdirSync(join(dir, 'empty'));
});
after(async () => {
  await server?.close();
});

test('the same query as docker 28 for every flag, and the same context', async () => {
  const cases: string[][] = [
    ['ctx'],
    ['-t', 'a:1', '-t', 'registry.example:5000/b/c', '--build-arg', 'X=1', '--build-arg', 'FROM_ENV', '--build-arg', 'UNSET_ARG', '--build-arg', 'E=', 'ctx'],
    ['--label', 'l=1', '--label', 'bare', '--label', 'html=<a&b>', '--label', 'l=2', '--target', 'final', '--no-cache', '--pull', 'ctx'],
    ['--network', 'host', '--add-host', 'a:1.2.3.4', '--add-host', 'b=::1', '--platform', 'linux/AMD64', '--rm=false', '--force-rm', '--isolation', 'default', 'ctx'],
    ['--network', 'default', '--isolation', 'process', '--rm', '--cache-from', 'a,b', '--cache-from', 'c', 'ctx'],
    ['-m', '100m', '--memory-swap', '-1', '-c', '512', '--cpuset-cpus', '0-1', '--cpuset-mems', '0', '--cpu-period', '1000', '--cpu-quota', '500', 'ctx'],
    ['--shm-size', '64m', '--ulimit', 'nproc=5', '--ulimit', 'nofile=10:20', '--ulimit', 'core=-1', '--cgroup-parent', '/x', '--security-opt', 'seccomp=unconfined', '--security-opt', 'label=disable', 'ctx'],
    ['-m', '0', '-c', '0', '--memory-swap', '200m', '--target', '', 'ctx'],
    ['-f', 'ctx/sub/Dev', 'ctx'],
    ['--file', `${'ctx'}/../ctx/sub/Dev`, 'ctx'],
    ['-f', 'outside.Dockerfile', 'ctx'],
    ['-f', 'outside.Dockerfile', 'ign'],
    ['ign'],
    ['lower'],
  ];
  for (const args of cases) {
    const { result } = await sameBuild(args);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
  const { query, entries, headers } = await sameBuild(['-f', 'outside.Dockerfile', 'ctx']);
  assert.deepEqual(
    query.find(([k]) => k === 'dockerfile'),
    ['dockerfile', '.dockerfile.R'],
  );
  assert.deepEqual(
    entries.map((e) => e.name),
    ['.dockerfile.R', '.dockerignore', 'Dockerfile', 'a.txt', 'sub/', 'sub/Dev', 'sub/deep/', 'sub/deep/b.txt'],
  );
  assert.equal(entries.find((e) => e.name === '.dockerignore')?.content, '.dockerignore\n.dockerfile.R\n');
  assert.deepEqual(headers, { 'content-type': 'application/x-tar', 'x-registry-config': 'e30=' });
});

test('contexts and Dockerfiles on stdin, as docker reads them', async () => {
  const tar = (await run('tar', ['c', '-C', join(dir, 'ctx'), '-f', join(dir, 'ctx.tar'), '.'])).code;
  assert.equal(tar, 0);
  const { readFile } = await import('node:fs/promises');
  const tarBytes = await readFile(join(dir, 'ctx.tar'));
  for (const [args, input] of [
    [['-f', '-', 'ctx'], 'FROM stdin\n'],
    [['-f', '-', 'ign'], 'FROM stdin\n'],
    [['-'], 'FROM alone\n'],
    [['-'], tarBytes],
    [['-f', 'sub/Dev', '-'], tarBytes],
  ] as Array<[string[], string | Buffer]>) {
    const { result } = await sameBuild(args, input);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
});

test('-q prints the ID only; bad input gets docker\'s message and exit code', async () => {
  const quiet = await sameBuild(['-q', 'ctx']);
  assert.equal(quiet.result.stdout, `${imageId}\n`);
  for (const args of [['nonexist'], ['empty'], ['-f', 'nope', 'ctx'], ['ctx/Dockerfile'], ['-t', 'BAD', 'ctx'], ['--shm-size', 'x', 'ctx'], ['--squash', 'ctx'], ['-f', '-', '-'], ['a', 'b']]) {
    const { result } = await sameBuild(args);
    assert.notEqual(result.code, 0, args.join(' '));
  }
  const ambiguous = await sameBuild(['-f', 'Dockerfile', '-'], 'FROM x\n');
  assert.equal(ambiguous.result.code, 1);
});

test('a daemon that speaks progress=cais: BuildKit\'s plain progress on stderr, -q and --iidfile, a failure', async (t) => {
  speakCais = true;
  t.after(() => {
    speakCais = false;
    failBuild = false;
  });
  const cais = (args: string[]) => run(process.execPath, [cliEntry, 'build', ...args], { env: server.env, cwd: dir });
  const ok = await cais(['--iidfile', 'iid', 'ctx']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  assert.equal(
    ok.stderr,
    '#1 [internal] load build definition from Dockerfile\n#1 transferring dockerfile: 13B done\n#1 DONE 0.0s\n\n#2 [1/2] FROM scratch\n#2 CACHED\n\n#3 [2/2] RUN true\n#3 DONE 0.3s\n',
  );
  const { readFile } = await import('node:fs/promises');
  assert.equal(await readFile(join(dir, 'iid'), 'utf8'), imageId);
  const quiet = await cais(['-q', 'ctx']);
  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, `${imageId}\n`, '']);
  failBuild = true;
  const failed = await cais(['--iidfile', 'iid', 'ctx']);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /#3 ERROR: exit code: 1\nexit code: 1\n$/);
  await assert.rejects(readFile(join(dir, 'iid')), { code: 'ENOENT' }, 'no ID file after a failure');
  const failedQuiet = await cais(['-q', 'ctx']);
  assert.deepEqual([failedQuiet.code, failedQuiet.stdout], [1, '']);
  assert.match(failedQuiet.stderr, /^#1 \[internal\][^]*#3 ERROR: exit code: 1\nexit code: 1\n$/, 'the progress kept for a failure');
});

async function sameAsDocker(args: string[], input?: string): Promise<{ result: RunResult; urls: string[] }> {
  const one = async (cli: 'docker' | 'cais') => {
    calls = [];
    const result = cli === 'docker' ? await run('docker', args, { env: server.env, input }) : await run(process.execPath, [cliEntry, ...args], { env: server.env, input });
    const stderr = result.stderr.replace(/DEPRECATED: The legacy builder is deprecated[^\n]*\n(( {12}[^\n]*)\n)*\n?/g, '');
    return { result: { ...result, stderr }, urls: calls.map((c) => `${c.method} ${c.path}?${c.query.map(([k, v]) => `${k}=${v}`).join('&')}`).filter((u) => !u.startsWith('GET /version')) };
  };
  const theirs = await one('docker');
  const ours = await one('cais');
  assert.deepEqual(ours, theirs, args.join(' '));
  return ours;
}

test('builder prune and system prune ask and report as docker 28 does', async () => {
  await sameAsDocker(['builder', 'prune'], 'n\n');
  const pruned = await sameAsDocker(['builder', 'prune'], 'y\n');
  assert.match(pruned.result.stdout, /Deleted build cache objects:\nc1\nc2\n\nTotal reclaimed space: 12.35kB\n$/);
  await sameAsDocker(['builder', 'prune', '-a', '-f', '--filter', 'until=24h', '--filter', 'label=a=b', '--keep-storage', '1g']);
  await sameAsDocker(['builder', 'prune', '-a'], 'y\n');
  await sameAsDocker(['system', 'prune'], 'n\n');
  await sameAsDocker(['system', 'prune', '-a', '--volumes'], 'n\n');
  const system = await sameAsDocker(['system', 'prune'], 'y\n');
  assert.deepEqual(system.urls, ['POST /containers/prune?', 'POST /networks/prune?', 'POST /images/prune?filters={"dangling":{"true":true}}', 'POST /build/prune?filters=']);
  await sameAsDocker(['system', 'prune', '-a', '--volumes', '-f', '--filter', 'label=x']);
  await sameAsDocker(['system', 'prune', '-a', '-f', '--filter', 'until=1h']);
  const refused = await sameAsDocker(['system', 'prune', '--volumes', '-f', '--filter', 'until=1h']);
  assert.equal(refused.result.code, 1);
});
