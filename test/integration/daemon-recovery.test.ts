// Containers outlive their daemon: after `kill -9` of the daemon, the five
// containers it ran keep running; the next daemon finds them, follows their
// logs, waits for them, stops them and execs into them; an exit that
// happened while no daemon ran is recorded with its code; `--restart
// always` containers come back. Also: restart policies and --init while
// the daemon stays up.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { run, runOk } from '../support/exec.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { startDaemon, type TestDaemon } from '../support/daemon.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
const docker = (args: string[]) => run('docker', args, { env });
const dockerOk = (args: string[]) => runOk('docker', args, { env });
const inspect = async (name: string, format: string) => (await dockerOk(['inspect', '-f', format, name])).trim();

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  await importBusybox(env);
});
after(async () => {
  await daemon?.stop();
});

test('daemon kill -9 with 5 running containers: all still run and are manageable after a restart', async () => {
  for (let i = 1; i <= 4; i++) {
    await dockerOk(['run', '-d', '--name', `c${i}`, 'bb', 'sh', '-c', `echo started ${i}; trap "exit 0" TERM; while true; do sleep 0.1; done`]);
  }
  // Exits with 42 once told to, while no daemon runs.
  await dockerOk(['run', '-d', '--name', 'quitter', 'bb', 'sh', '-c', 'while [ ! -e /tmp/go ]; do sleep 0.1; done; exit 42']);
  await dockerOk(['run', '-d', '--name', 'phoenix', '--restart', 'always', 'bb', 'sleep', '1000']);
  const pids = new Map<string, string>();
  for (const name of ['c1', 'c2', 'c3', 'c4', 'quitter', 'phoenix']) pids.set(name, await inspect(name, '{{.State.Pid}}'));

  await daemon.kill9();
  // Meanwhile: one container exits by itself, another is killed from outside.
  process.kill(Number(pids.get('phoenix')), 'SIGKILL');
  await readFile(`/proc/${pids.get('quitter')}/root/tmp`, 'utf8').catch(() => undefined);
  await runOk('sh', ['-c', `touch /proc/${pids.get('quitter')}/root/tmp/go`]);
  await eventually(async () => readFile(`/proc/${pids.get('quitter')}/stat`).then(() => false, () => true), 'quitter to exit');
  for (const name of ['c1', 'c2', 'c3', 'c4']) assert.ok(await readFile(`/proc/${pids.get(name)}/stat`).then(() => true, () => false), `${name} runs without a daemon`);

  await daemon.restart();
  for (const name of ['c1', 'c2', 'c3', 'c4']) {
    assert.equal(await inspect(name, '{{.State.Status}} {{.State.Pid}}'), `running ${pids.get(name)}`);
  }
  assert.equal(await inspect('quitter', '{{.State.Status}} {{.State.ExitCode}}'), 'exited 42');
  await eventually(async () => (await inspect('phoenix', '{{.State.Status}}')) === 'running', 'phoenix to come back');
  assert.notEqual(await inspect('phoenix', '{{.State.Pid}}'), pids.get('phoenix'));
  assert.ok(Number(await inspect('phoenix', '{{.RestartCount}}')) >= 1);

  // Manageable: logs, exec, wait + stop.
  assert.equal(await dockerOk(['logs', 'c1']), 'started 1\n');
  assert.equal(await dockerOk(['exec', 'c2', 'echo', 'inside']), 'inside\n');
  const waiting = docker(['wait', 'c3']);
  assert.equal(await dockerOk(['stop', 'c3']), 'c3\n');
  assert.equal((await waiting).stdout, '0\n');
  assert.equal(await dockerOk(['rm', '-f', 'c1', 'c2', 'c3', 'c4', 'quitter', 'phoenix']), 'c1\nc2\nc3\nc4\nquitter\nphoenix\n');
});

test('restart policies: on-failure:2 restarts twice, then stays down; a stopped always container stays stopped', async () => {
  await dockerOk(['run', '-d', '--name', 'flaky', '--restart', 'on-failure:2', 'bb', 'sh', '-c', 'exit 3']);
  await eventually(async () => (await inspect('flaky', '{{.State.Status}} {{.RestartCount}}')) === 'exited 2', 'two restarts');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await inspect('flaky', '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}'), 'exited 2 3');
  await dockerOk(['run', '-d', '--name', 'steady', '--restart', 'always', 'bb', 'sleep', '1000']);
  await dockerOk(['stop', '-t', '0', 'steady']);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await inspect('steady', '{{.State.Status}}'), 'exited');
  await dockerOk(['rm', '-f', 'flaky', 'steady']);
});

test('--init reaps orphaned grandchildren: no zombies pile up', async () => {
  // Each round orphans a child that exits at once; without an init the shell (PID 1) never reaps it.
  const script = 'for i in 1 2 3 4 5; do sh -c "sleep 0.01 & exit 0"; done; sleep 1; ps -o stat | grep -c Z';
  const withInit = await docker(['run', '--rm', '--init', 'bb', 'sh', '-c', script]);
  assert.equal(withInit.stdout.trim(), '0');
  assert.equal(await dockerOk(['run', '--rm', '--init', 'bb', 'cat', '/proc/1/comm']), 'docker-init\n');
});
