// The real docker CLI's classic builder (DOCKER_BUILDKIT=0) against cais:
// images built from Dockerfiles run, with the config and history the
// Dockerfile asks for; the cache reuses exactly the steps whose inputs did
// not change; failures leave no container, mount or image behind.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
});
