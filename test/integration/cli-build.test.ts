// `cais build` against a real daemon: progress as BuildKit prints it, and
// the incremental context (POST /build/context): a rebuild sends only what
// changed, and the kept context follows every change of the directory
// (edits, removals, a file becoming a directory, symlinks). Hostile entry
// lists are refused before anything is written.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clis } from '../support/cli.js';
import { type TestDaemon, rawRequest, startDaemon } from '../support/daemon.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
const { cais, docker } = clis(() => env);

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  await importBusybox(env);
  work = await mkdtemp(join(tmpdir(), 'cais-cli-build-'));
});

after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function buildOk(dir: string, args: string[] = []): Promise<string> {
  const r = await cais(['build', '--progress', 'plain', ...args, dir]);
  assert.equal(r.code, 0, r.stderr);
  return r.stderr;
}

async function files(image: string): Promise<string> {
  const r = await docker(['run', '--rm', image, 'sh', '-c', 'cd /ctx && find . | sort && cat a.txt sub/b.txt 2>/dev/null; readlink link || true']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('cais build', () => {
  it('prints BuildKit-style progress and keeps the context between builds, following every change', async () => {
    const dir = join(work, 'ctx');
    await mkdir(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'Dockerfile'), 'FROM bb\nCOPY . /ctx/\nRUN ls /ctx > /listing\n');
    await writeFile(join(dir, 'a.txt'), 'one\n');
    await writeFile(join(dir, 'sub/b.txt'), 'bee\n');
    const first = await buildOk(dir, ['-t', 'synced']);
    assert.match(first, /^#\d+ \[2\/3\] COPY \. \/ctx\/$/m);
    assert.match(first, /^#\d+ DONE \d+\.\d+s$/m);
    assert.equal(await files('synced'), '.\n./Dockerfile\n./a.txt\n./sub\n./sub/b.txt\none\nbee\n');

    const again = await buildOk(dir, ['-t', 'synced']);
    assert.equal((again.match(/CACHED/g) ?? []).length, 2, again);

    // Same size, new content: the mtime tells, the file is sent again.
    await writeFile(join(dir, 'a.txt'), 'two\n');
    await rm(join(dir, 'sub'), { recursive: true });
    await writeFile(join(dir, 'sub'), 'now a file\n');
    await symlink('a.txt', join(dir, 'link'));
    const changed = await buildOk(dir, ['-t', 'synced']);
    assert.doesNotMatch(changed, /CACHED/);
    assert.equal(await files('synced'), '.\n./Dockerfile\n./a.txt\n./link\n./sub\ntwo\na.txt\n');

    // The same directory through the docker CLI (the whole tar) gives the same image.
    const viaDocker = await docker(['build', '-q', dir]);
    assert.equal(viaDocker.code, 0, viaDocker.stderr);
    const ours = await cais(['image', 'inspect', '--format', '{{.Id}}', 'synced']);
    assert.equal(viaDocker.stdout.trim(), ours.stdout.trim());
  });

  it('reuses what it knows of the kept context only while the paths below a source are unchanged', async () => {
    const dir = join(work, 'memo');
    await mkdir(join(dir, 'one'), { recursive: true });
    await mkdir(join(dir, 'two'));
    // .dockerignore leaves out itself and the Dockerfile: the daemon removes both from the kept copy after each sync.
    await writeFile(join(dir, '.dockerignore'), '.dockerignore\nDockerfile\n');
    await writeFile(join(dir, 'Dockerfile'), 'FROM bb\nCOPY one /one/\nCOPY two /two/\nRUN cat /one/* /two/* > /all\n');
    await writeFile(join(dir, 'one/a'), 'a\n');
    await writeFile(join(dir, 'two/b'), 'b\n');
    const cached = (out: string): string[] => [...out.matchAll(/^#\d+ \[\d\/4\] (.*)\n#\d+ CACHED$/gm)].map((m) => m[1]!);
    const all = async (): Promise<string> => (await docker(['run', '--rm', 'memo', 'cat', '/all'])).stdout;
    await buildOk(dir, ['-t', 'memo']);
    assert.deepEqual(cached(await buildOk(dir, ['-t', 'memo'])), ['COPY one /one/', 'COPY two /two/', 'RUN cat /one/* /two/* > /all']);

    // Touched: sent again, same content, still cached; then the same file edited (same size) is not.
    await utimes(join(dir, 'one/a'), new Date(), new Date(Date.now() + 5000));
    assert.equal(cached(await buildOk(dir, ['-t', 'memo'])).length, 3);
    await writeFile(join(dir, 'one/a'), 'A\n');
    assert.deepEqual(cached(await buildOk(dir, ['-t', 'memo'])), []);
    assert.equal(await all(), 'A\nb\n');

    // A new file under two/ leaves COPY one cached; a mode change counts as a change.
    await writeFile(join(dir, 'two/c'), 'c\n');
    assert.deepEqual(cached(await buildOk(dir, ['-t', 'memo'])), ['COPY one /one/']);
    assert.equal(await all(), 'A\nb\nc\n');
    await chmod(join(dir, 'two/c'), 0o600);
    assert.deepEqual(cached(await buildOk(dir, ['-t', 'memo'])), ['COPY one /one/']);

    // A failed build (a missing source) leaves the kept copy right for the next one.
    await writeFile(join(dir, 'Dockerfile'), 'FROM bb\nCOPY one /one/\nCOPY missing /m/\n');
    const failed = await cais(['build', '--progress', 'plain', '-t', 'memo', dir]);
    assert.notEqual(failed.code, 0);
    await writeFile(join(dir, 'Dockerfile'), 'FROM bb\nCOPY one /one/\nCOPY two /two/\nRUN cat /one/* /two/* > /all\n');
    assert.equal(cached(await buildOk(dir, ['-t', 'memo'])).length, 3);
    assert.equal(await all(), 'A\nb\nc\n');
  });

  it('refuses hostile entry lists and unknown sessions', async () => {
    const sync = (body: object) => rawRequest(daemon.socketPath, 'POST', '/build/context', Buffer.from(JSON.stringify(body)));
    const entry = { type: 'file', mode: 0o644, size: 1, mtime: '1' };
    for (const [path, message] of [['../escape', /bad path/], ['/abs', /bad path/], ['a/./b', /bad path/]] as const) {
      const r = await sync({ key: 'k', entries: [{ ...entry, path }] });
      assert.equal(r.status, 400, r.body);
      assert.match(r.body, message);
    }
    // A child of a symlink would be written through it.
    const through = await sync({ key: 'k', entries: [{ path: 'l', type: 'symlink', mode: 0o777, size: 0, mtime: '1', target: '/etc' }, { ...entry, path: 'l/passwd' }] });
    assert.equal(through.status, 400);
    assert.match(through.body, /comes before its directory/);
    const unknown = await rawRequest(daemon.socketPath, 'POST', '/build?context-session=nope', Buffer.alloc(1024));
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /no such build context session/);
  });
});
