// The real docker CLI's classic builder (DOCKER_BUILDKIT=0) against cais:
// images built from Dockerfiles run, with the config and history the
// Dockerfile asks for; the cache reuses exactly the steps whose inputs did
// not change; failures leave no container, mount or image behind.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { run, runOk } from '../support/exec.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
let count = 0;

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon, { DOCKER_BUILDKIT: '0' });
  await importBusybox(env);
  work = await mkdtemp(join(tmpdir(), 'cais-build-'));
});

after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A context directory with these files (paths relative to it). */
async function context(files: Record<string, string>): Promise<string> {
  const dir = join(work, `ctx-${++count}`);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

function build(dir: string, args: string[] = []) {
  return run('docker', ['build', ...args, dir], { env });
}

async function buildOk(dir: string, args: string[] = []): Promise<string> {
  const r = await build(dir, args);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function dockerOk(args: string[]): Promise<string> {
  return runOk('docker', args, { env });
}

async function inspect(image: string): Promise<{ Config: Record<string, unknown>; Id: string; RootFS: { Layers: string[] } }> {
  return JSON.parse(await dockerOk(['image', 'inspect', image]))[0];
}

describe('docker build (classic builder) through cais', () => {
  it('builds an image that runs, with the config and history the Dockerfile sets', async () => {
    const dir = await context({
      Dockerfile: [
        'FROM bb',
        'ARG GREETING=hello',
        'ENV APP=/app',
        'WORKDIR $APP',
        'COPY greet.sh ./',
        'RUN chmod +x greet.sh && echo "$GREETING from RUN" > note.txt',
        'LABEL org.example.role=test',
        'EXPOSE 8080/tcp 53/udp',
        'USER 1000:1000',
        'CMD ["./greet.sh"]',
      ].join('\n'),
      'greet.sh': '#!/bin/sh\ncat /app/note.txt\nid -u\n',
    });
    const out = await buildOk(dir, ['-t', 'greet:1', '-t', 'greet:latest']);
    assert.match(out, /^Step 1\/10 : FROM bb$/m);
    assert.match(out, /^Step 6\/10 : RUN chmod/m);
    assert.match(out, / ---> Running in [0-9a-f]{12}$/m);
    assert.match(out, /^Successfully built [0-9a-f]{12}$/m);
    assert.match(out, /^Successfully tagged greet:1$/m);
    assert.match(out, /^Successfully tagged greet:latest$/m);
    assert.equal(await dockerOk(['run', '--rm', 'greet:1']), 'hello from RUN\n1000\n');

    const image = await inspect('greet:1');
    assert.deepEqual(image.Config.Cmd, ['./greet.sh']);
    assert.equal(image.Config.WorkingDir, '/app');
    assert.equal(image.Config.User, '1000:1000');
    assert.deepEqual(image.Config.Labels, { 'org.example.role': 'test' });
    assert.deepEqual(image.Config.ExposedPorts, { '53/udp': {}, '8080/tcp': {} });
    assert.ok((image.Config.Env as string[]).includes('APP=/app'));
    const history = await dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'greet:1']);
    const lines = history.trim().split('\n');
    assert.equal(lines[0], 'CMD ["./greet.sh"]');
    assert.ok(lines.includes('RUN |1 GREETING=hello /bin/sh -c chmod +x greet.sh && echo "$GREETING from RUN" > note.txt # buildkit'), history);
    assert.ok(lines.includes('COPY greet.sh ./ # buildkit'), history);
    assert.ok(lines.includes('WORKDIR /app'), history);
    // No build container is left.
    assert.equal(await dockerOk(['ps', '-aq']), '');
  });

  it('reuses every step whose inputs are unchanged: touching a file keeps the cache, editing it invalidates exactly the steps after its COPY', async () => {
    const dir = await context({
      Dockerfile: ['FROM bb', 'RUN echo one > /one', 'COPY a.txt /a.txt', 'RUN cat /a.txt > /copy', 'COPY b.txt /b.txt', 'RUN echo done'].join('\n'),
      'a.txt': 'a1\n',
      'b.txt': 'b1\n',
    });
    const first = await buildOk(dir, ['-t', 'cached:1']);
    assert.equal((first.match(/Using cache/g) ?? []).length, 0, first);
    const id = (await inspect('cached:1')).Id;

    const second = await buildOk(dir, ['-t', 'cached:2']);
    assert.equal((second.match(/Using cache/g) ?? []).length, 5, second);
    assert.equal((await inspect('cached:2')).Id, id, 'a build that changed nothing gives the same image');

    await utimes(join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    const touched = await buildOk(dir);
    assert.equal((touched.match(/Using cache/g) ?? []).length, 5, touched);

    await writeFile(join(dir, 'a.txt'), 'a2\n');
    const edited = await buildOk(dir, ['-t', 'cached:3']);
    const steps = edited.split(/^Step /m).slice(1);
    assert.deepEqual(steps.map((s) => s.includes('Using cache')), [false, true, false, false, false, false]);
    assert.equal(await dockerOk(['run', '--rm', 'cached:3', 'cat', '/copy']), 'a2\n');

    const noCache = await buildOk(dir, ['--no-cache']);
    assert.equal((noCache.match(/Using cache/g) ?? []).length, 0, noCache);
  });

  it('builds only the stages the target needs, independent stages at once, and copies between them', async () => {
    const dir = await context({
      Dockerfile: [
        'FROM bb AS left',
        'RUN sleep 1 && echo left > /left',
        'FROM bb AS right',
        'RUN sleep 1 && echo right > /right',
        'FROM bb AS unused',
        'RUN echo never > /never && exit 1',
        'FROM left AS final',
        'COPY --from=right /right /from-right',
        'COPY --from=1 /right /by-index',
        'RUN cat /left /from-right /by-index',
      ].join('\n'),
    });
    const started = Date.now();
    const out = await buildOk(dir, ['-t', 'multi', '--target', 'final']);
    assert.ok(Date.now() - started < 1900 + 1500, 'the two 1 s stages ran side by side');
    assert.doesNotMatch(out, /never/);
    assert.equal(await dockerOk(['run', '--rm', 'multi', 'cat', '/left', '/from-right', '/by-index']), 'left\nright\nright\n');

    await buildOk(dir, ['-t', 'right-only', '--target', 'right']);
    assert.equal(await dockerOk(['run', '--rm', 'right-only', 'ls', '/']).then((o) => o.includes('left')), false);
    const missing = await build(dir, ['--target', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /target stage "nope" could not be found/);
  });

  it('applies .dockerignore with ** and ! exceptions', async () => {
    const dir = await context({
      Dockerfile: 'FROM bb\nCOPY . /ctx/\n',
      '.dockerignore': '**/*.log\nsecret\n!keep.log\n',
      'a.log': 'x', 'sub/deep/b.log': 'x', 'keep.log': 'kept', secret: 's', 'sub/ok.txt': 'ok',
    });
    await buildOk(dir, ['-t', 'ignored']);
    const files = await dockerOk(['run', '--rm', 'ignored', 'find', '/ctx', '-type', 'f']);
    assert.deepEqual(files.trim().split('\n').sort(), ['/ctx/.dockerignore', '/ctx/Dockerfile', '/ctx/keep.log', '/ctx/sub/ok.txt']);
  });

  it('runs heredocs and keeps RUN --mount=type=cache between builds, out of the image', async () => {
    const dir = await context({
      Dockerfile: [
        'FROM bb',
        'RUN <<EOF',
        'echo first > /h1',
        'echo second >> /h1',
        'EOF',
        'RUN <<EOF',
        '#!/bin/sh',
        'echo "script $0" > /h2',
        'EOF',
        'COPY <<-EOT /etc/motd',
        '\thello $HOSTNAME_UNSET-x',
        '\tEOT',
        'ARG N=1',
        'RUN --mount=type=cache,target=/cache echo "run $N" >> /cache/log && cp /cache/log /seen',
      ].join('\n'),
    });
    await buildOk(dir, ['-t', 'heredoc']);
    assert.equal(await dockerOk(['run', '--rm', 'heredoc', 'cat', '/h1', '/h2', '/etc/motd']), 'first\nsecond\nscript /dev/pipes/EOF\nhello -x\n');
    await buildOk(dir, ['-t', 'heredoc2', '--build-arg', 'N=2']);
    assert.equal(await dockerOk(['run', '--rm', 'heredoc2', 'cat', '/seen']), 'run 1\nrun 2\n');
    // The cache's mount point is not part of the image (BuildKit removes mount stubs too).
    assert.doesNotMatch(await dockerOk(['run', '--rm', 'heredoc2', 'ls', '/']), /cache/);
  });

  it('ADD extracts local archives and fetches URLs; COPY --chown and --chmod set owners and modes', async () => {
    const archiveDir = await context({ 'pkg/a.txt': 'from archive\n' });
    await runOk('tar', ['-czf', join(archiveDir, 'pkg.tar.gz'), '-C', archiveDir, 'pkg']);
    const dir = await context({
      Dockerfile: ['FROM bb', 'ADD pkg.tar.gz /opt/', 'ARG OWNER=1000:2000 MODE=640', 'COPY --chown=$OWNER --chmod=$MODE f.txt /owned/', 'COPY --chown=nobody f.txt /named'].join('\n'),
      'f.txt': 'f\n',
    });
    await writeFile(join(dir, 'pkg.tar.gz'), await readFile(join(archiveDir, 'pkg.tar.gz')));
    await buildOk(dir, ['-t', 'added']);
    assert.equal(await dockerOk(['run', '--rm', 'added', 'cat', '/opt/pkg/a.txt']), 'from archive\n');
    assert.equal(await dockerOk(['run', '--rm', 'added', 'stat', '-c', '%u:%g %a', '/owned/f.txt']), '1000:2000 640\n');
    assert.match(await dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'added']), /^COPY --chown=1000:2000 --chmod=640 f\.txt \/owned\/ # buildkit$/m);
    const nobody = await dockerOk(['run', '--rm', 'added', 'sh', '-c', 'stat -c %u:%g /named; id -u nobody; id -g nobody']);
    const [owner, uid, gid] = nobody.trim().split('\n');
    assert.equal(owner, `${uid}:${gid}`);
  });

  it('fails with the line and Docker\'s words, leaving no container behind', async () => {
    const malformed = await build(await context({ Dockerfile: 'FROM bb\nFROB x\n' }));
    assert.notEqual(malformed.code, 0);
    assert.match(malformed.stderr, /dockerfile parse error on line 2: unknown instruction: FROB/i);

    const missing = await build(await context({ Dockerfile: 'FROM bb\nCOPY nothere /x\n' }));
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /Dockerfile:2: COPY failed: file not found in build context or excluded by \.dockerignore: stat nothere: file does not exist/);

    const failing = await build(await context({ Dockerfile: 'FROM bb\nRUN echo before\nRUN exit 3\n' }));
    assert.notEqual(failing.code, 0);
    assert.match(failing.stderr, /Dockerfile:3: process "\/bin\/sh -c exit 3" did not complete successfully: exit code: 3/);
    assert.equal(await dockerOk(['ps', '-aq']), '');
  });

  it('warns about unused build args, reads the Dockerfile from -f and stdin, and -q prints only the id', async () => {
    const dir = await context({ 'other/Build.df': 'FROM bb\nARG USED\nRUN echo "$USED" > /used\n' });
    const out = await buildOk(dir, ['-f', join(dir, 'other/Build.df'), '--build-arg', 'USED=yes', '--build-arg', 'EXTRA=1', '-t', 'fromfile']);
    assert.match(out, /\[Warning\] One or more build-args \[EXTRA\] were not consumed/);
    assert.equal(await dockerOk(['run', '--rm', 'fromfile', 'cat', '/used']), 'yes\n');

    const quiet = await run('docker', ['build', '-q', '-t', 'stdin-df', '-f', '-', dir], { env, input: 'FROM bb\nCMD ["true"]\n' });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.match(quiet.stdout, /^sha256:[0-9a-f]{64}\n$/);
    assert.equal((await inspect('stdin-df')).Id, quiet.stdout.trim());
  });

  it('--iidfile, --network, COPY --link and the predefined platform args', async () => {
    const dir = await context({
      Dockerfile: 'FROM bb\nARG TARGETARCH\nCOPY --link f /f\nRUN echo "$TARGETARCH" > /arch && cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d " " > /net\n',
      f: 'linked\n',
    });
    const iidfile = join(work, 'iid');
    await buildOk(dir, ['--network', 'host', '--iidfile', iidfile, '-t', 'linked']);
    assert.equal(await readFile(iidfile, 'utf8'), (await inspect('linked')).Id);
    const arch = process.arch === 'x64' ? 'amd64' : process.arch;
    assert.equal(await dockerOk(['run', '--rm', 'linked', 'cat', '/f', '/arch']), `linked\n${arch}\n`);
    assert.ok((await dockerOk(['run', '--rm', 'linked', 'cat', '/net'])).split('\n').length > 2, 'RUN saw the host\'s interfaces');
  });

  it('sets every metadata instruction as Docker records it; ONBUILD triggers run in the child; global ARGs reach FROM; scratch', async () => {
    const parent = await context({
      Dockerfile: [
        'FROM bb',
        'MAINTAINER Jane <jane@example.com>',
        'SHELL ["/bin/sh", "-ec"]',
        'HEALTHCHECK --interval=5s --retries=2 CMD true',
        'STOPSIGNAL SIGQUIT',
        'VOLUME /data',
        'ENTRYPOINT ["/bin/echo"]',
        'ONBUILD RUN echo triggered > /onbuild',
      ].join('\n'),
    });
    await buildOk(parent, ['-t', 'parent']);
    const p = await inspect('parent');
    assert.equal((p as unknown as { Author: string }).Author, 'Jane <jane@example.com>');
    assert.deepEqual(p.Config.Shell, ['/bin/sh', '-ec']);
    assert.deepEqual(p.Config.Healthcheck, { Test: ['CMD-SHELL', 'true'], Interval: 5e9, Retries: 2 });
    assert.equal(p.Config.StopSignal, 'SIGQUIT');
    assert.deepEqual(p.Config.Volumes, { '/data': {} });
    assert.deepEqual(p.Config.Entrypoint, ['/bin/echo']);
    assert.deepEqual(p.Config.OnBuild, ['RUN echo triggered > /onbuild']);

    const child = await context({ Dockerfile: 'ARG BASE=parent\nFROM $BASE\nCMD ["child"]\n' });
    await buildOk(child, ['-t', 'child', '--label', 'from.cli=yes']);
    const c = await inspect('child');
    assert.equal(c.Config.OnBuild ?? null, null);
    assert.deepEqual(c.Config.Labels, { 'from.cli': 'yes' });
    assert.equal(await dockerOk(['run', '--rm', '--entrypoint', 'cat', 'child', '/onbuild']), 'triggered\n');
    assert.equal(await dockerOk(['run', '--rm', 'child']), 'child\n');

    const scratch = await context({ Dockerfile: 'FROM scratch\nCOPY --from=bb /bin/busybox /busybox\nCMD ["/busybox", "echo", "from scratch"]\n' });
    await buildOk(scratch, ['-t', 'scratchy']);
    assert.equal((await inspect('scratchy')).RootFS.Layers.length, 1);
    assert.equal(await dockerOk(['run', '--rm', 'scratchy']), 'from scratch\n');
  });

  it('RUN --mount=type=bind and tmpfs, --network=none, ADD of a URL', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Last-Modified': 'Wed, 21 Oct 2015 07:28:00 GMT' });
      res.end('downloaded\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const dir = await context({
        Dockerfile: [
          'FROM bb',
          `ADD http://127.0.0.1:${port}/files/remote.txt /dl/`,
          'RUN --mount=type=bind,source=src,target=/src cp /src/in.txt /in-copy',
          'RUN --mount=type=tmpfs,target=/scratch echo tmp > /scratch/x && cat /scratch/x > /tmp-seen',
          'RUN --network=none cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d " " > /net-none',
          'RUN --network=host cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d " " > /net-host',
        ].join('\n'),
        'src/in.txt': 'bound\n',
      });
      await buildOk(dir, ['-t', 'mounts']);
      assert.equal(await dockerOk(['run', '--rm', 'mounts', 'cat', '/dl/remote.txt', '/in-copy', '/tmp-seen', '/net-none']), 'downloaded\nbound\ntmp\nlo\n');
      const hostInterfaces = (await dockerOk(['run', '--rm', 'mounts', 'cat', '/net-host'])).trim().split('\n');
      assert.ok(hostInterfaces.includes(Object.keys(networkInterfaces()).find((n) => n !== 'lo')!), hostInterfaces.join(' '));
      assert.equal(await dockerOk(['run', '--rm', 'mounts', 'stat', '-c', '%a %Y', '/dl/remote.txt']), '600 1445412480\n');
      assert.doesNotMatch(await dockerOk(['run', '--rm', 'mounts', 'ls', '/']), /\b(src|scratch)\b/);
    } finally {
      server.close();
    }
  });

  it('keeps the cache across daemon restarts; builder prune empties it and system df lists it', async () => {
    const dir = await context({ Dockerfile: 'FROM bb\nRUN echo kept > /kept\n' });
    await buildOk(dir, ['-t', 'persist']);
    await daemon.restart();
    const again = await buildOk(dir, ['-t', 'persist']);
    assert.match(again, /Using cache/);
    assert.match(await dockerOk(['system', 'df']), /^Build Cache\s+[1-9]/m);
    assert.ok((await daemon.client.dataUsage()).BuildCache!.length > 0);
    const pruned = await dockerOk(['builder', 'prune', '-a', '-f']);
    assert.match(pruned, /Total reclaimed space:/);
    assert.equal((await daemon.client.dataUsage()).BuildCache!.length, 0);
    const rebuilt = await buildOk(dir, ['-t', 'persist']);
    assert.doesNotMatch(rebuilt, /Using cache/);
    assert.equal(await dockerOk(['run', '--rm', 'persist', 'cat', '/kept']), 'kept\n');
  });
});
