// The real docker CLI (28.x) and cais's own against one cais daemon: top,
// pause, unpause, rename, update, stats --no-stream and events print the
// same (stats' figures move, so only their shape is compared).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clis } from '../support/cli.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { runOk } from '../support/exec.js';
import { importBusybox } from '../support/docker-env.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
const cgroupParent = `cais-test-ops-compat-${process.pid}`;
const { cais, docker, bothSay } = clis(() => env);

before(async () => {
  daemon = await startDaemon({ extraArgs: ['--cgroup-parent', `/${cgroupParent}`] });
  work = await mkdtemp(join(tmpdir(), 'cais-ops-compat-'));
  env = { ...process.env, DOCKER_HOST: daemon.host, CAIS_HOST: daemon.host, DOCKER_CONFIG: work, TZ: 'UTC' };
  await importBusybox(env);
  const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: ['sleep', '1000'], HostConfig: { Memory: 64 * 1024 * 1024 } }, { name: 'app' });
  await daemon.client.startContainer(Id);
});

after(async () => {
  if (daemon) for (const c of await daemon.client.listContainers({ all: true })) await daemon.client.removeContainer(c.Id, { force: true });
  await daemon?.stop();
  for (const controller of await readdir('/sys/fs/cgroup')) await rmdir(join('/sys/fs/cgroup', controller, cgroupParent)).catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('docker and cais on running containers', () => {
  it('top', async () => {
    const out = await bothSay(['top', 'app']);
    assert.match(out.stdout, /^UID +PID +PPID +C +STIME +TTY +TIME +CMD\nroot +\d+ +\d+ +\d+ +\S+ +\? +[\d:]+ +sleep 1000\n$/);
    await bothSay(['top', 'app', '-o', 'pid,comm']);
    await bothSay(['top', 'nope']);
  });

  it('pause and unpause, with their errors', async () => {
    const paused = await docker(['pause', 'app']);
    assert.deepEqual(paused, { code: 0, stdout: 'app\n', stderr: '' });
    const again = await bothSay(['pause', 'app', 'nope']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^Error response from daemon: Container [0-9a-f]{64} is already paused\nError response from daemon: No such container: nope\n$/);
    assert.match((await cais(['ps'])).stdout, / Up .* \(Paused\) /);
    assert.deepEqual(await cais(['unpause', 'app']), { code: 0, stdout: 'app\n', stderr: '' });
    assert.equal((await bothSay(['unpause', 'app'])).code, 1);
  });

  it('rename, with its errors', async () => {
    assert.deepEqual(await docker(['rename', 'app', 'app2']), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await cais(['rename', 'app2', 'app']), { code: 0, stdout: '', stderr: '' });
    await daemon.client.createContainer({ Image: 'bb' }, { name: 'other' });
    const conflict = await bothSay(['rename', 'other', 'app']);
    assert.match(conflict.stderr, /^Error response from daemon: Error when allocating new name: Conflict\. .*\nError: failed to rename container named other\n$/);
    await bothSay(['rename', 'other', 'bad name']);
    await bothSay(['rename', 'other', ' ']);
  });

  it('update', async () => {
    assert.deepEqual(await bothSay(['update', '--memory', '96m', '--memory-swap', '192m', '--pids-limit', '30', 'app']), { code: 0, stdout: 'app\n', stderr: '' });
    assert.equal(await runOk('docker', ['inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}', 'app'], { env }), '100663296 30\n');
    await bothSay(['update', '--cpus', '0.5', '--restart', 'on-failure:2', 'app', 'other', 'nope']);
    await bothSay(['update', 'app']);
    await bothSay(['update', '--memory', '1g', 'app']);
    await bothSay(['update', '--restart', 'sometimes', 'app']);
  });

  it('stats --no-stream', async () => {
    const row = /^[0-9a-f]{12} +app +\d+\.\d\d% +[\d.]+[KMG]?i?B \/ 96MiB +\d+\.\d\d% +0B \/ 0B +[\d.]+[kMG]?B \/ [\d.]+[kMG]?B +1$/;
    for (const cli of [docker, cais]) {
      const { code, stdout, stderr } = await cli(['stats', '--no-stream']);
      assert.equal(code, 0, stderr);
      const [header, line, end] = stdout.split('\n');
      assert.match(header!, /^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/);
      assert.match(line!, row);
      assert.equal(end, '');
    }
    await bothSay(['stats', '--no-stream', '-a', '--format', '{{.Name}} {{.PIDs}} {{.NetIO}}']);
    await bothSay(['stats', '--no-stream', 'nope']);
  });

  it('events between two times, as text, JSON and a template', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 120);
    const until = String(Math.floor(Date.now() / 1000) + 1);
    const text = await bothSay(['events', '--since', since, '--until', until, '--filter', 'container=app']);
    assert.match(text.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z container create [0-9a-f]{64} \(image=bb, name=app\)\n/);
    assert.match(text.stdout, / container pause [0-9a-f]{64} \(image=bb, name=app\)\n/);
    assert.match(text.stdout, / container rename [0-9a-f]{64} \(image=bb, name=app2, oldName=\/app\)\n/);
    await bothSay(['events', '--since', since, '--until', until, '--format', 'json']);
    await bothSay(['events', '--since', since, '--until', until, '--filter', 'event=update', '--format', '{{.Action}} {{.Actor.Attributes.name}} {{.TimeNano}}']);
    await bothSay(['events', '--format', '{{.Nope}}']);
  });
});
