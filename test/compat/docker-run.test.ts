// The real docker CLI (28.x) running containers on a cais daemon: run, logs,
// stop, kill, wait, attach, rm -f, with Docker's output and exit codes; and
// the isolation and limits Docker's defaults promise, checked from inside
// real containers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { run, runOk } from '../support/exec.js';
import { cliEntry, clis } from '../support/cli.js';
import { terminals } from '../support/terminal.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
const docker = (args: string[], input?: string) => run('docker', args, { env, ...(input !== undefined ? { input } : {}) });
const dockerOk = (args: string[]) => runOk('docker', args, { env });

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  await importBusybox(env);
});
after(async () => {
  await daemon?.stop();
});

test('docker run --rm prints the output and leaves nothing behind; cais run says the same', async () => {
  const { cais, docker: dockerCli } = clis(() => env);
  for (const cli of [dockerCli, cais]) {
    const r = await cli(['run', '--rm', 'bb', 'echo', 'hi']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'hi\n', '']);
  }
  assert.equal(await dockerOk(['ps', '-aq']), '');
  assert.deepEqual(await readdir(join(daemon.dataRoot, 'containers')), []);
});

test('exit codes, stdout and stderr apart, stdin with -i', async () => {
  const r = await docker(['run', '--rm', 'bb', 'sh', '-c', 'echo out; echo err >&2; exit 7']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [7, 'out\n', 'err\n']);
  const piped = await docker(['run', '--rm', '-i', 'bb', 'sh', '-c', 'tr a-z A-Z; echo done'], 'hello\n');
  assert.deepEqual([piped.code, piped.stdout], [0, 'HELLO\ndone\n']);
  const missing = await docker(['run', '--rm', 'bb', 'nope']);
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /executable file not found in \$PATH/);
});

test('run -d, logs (-f, --tail, -t), stop with the stop signal, wait, start -a', async () => {
  const id = (await dockerOk(['run', '-d', '--name', 'ticker', 'bb', 'sh', '-c', 'trap "echo bye; exit 3" TERM; echo one; echo two >&2; while true; do sleep 0.1; done'])).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  for (let i = 0; i < 50 && !(await docker(['logs', 'ticker'])).stdout.includes('one'); i++) await new Promise((r) => setTimeout(r, 100));
  const logs = await docker(['logs', 'ticker']);
  assert.deepEqual([logs.stdout, logs.stderr], ['one\n', 'two\n']);
  assert.equal((await docker(['logs', '--tail', '1', 'ticker'])).stderr, 'two\n');
  assert.match((await dockerOk(['logs', '-t', 'ticker'])), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z one\n$/);
  assert.match(await dockerOk(['ps']), /Up (Less than a second|\d+ seconds?)\s+ticker\n$/);
  // logs -f follows until the container stops.
  const follow = spawn('docker', ['logs', '-f', 'ticker'], { env });
  let followed = '';
  follow.stdout.on('data', (d: Buffer) => (followed += d.toString()));
  const followEnded = new Promise((resolve) => follow.once('close', resolve));
  const waiter = docker(['wait', 'ticker']);
  assert.equal(await dockerOk(['stop', 'ticker']), 'ticker\n');
  assert.equal((await waiter).stdout, '3\n');
  await followEnded;
  assert.equal(followed, 'one\nbye\n');
  assert.equal(await dockerOk(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'ticker']), 'exited 3\n');
  // start -a attaches again and ends with the container (sent TERM by kill meanwhile).
  const again = docker(['start', '-a', 'ticker']);
  await new Promise((r) => setTimeout(r, 500));
  await dockerOk(['kill', '-s', 'TERM', 'ticker']);
  const reattached = await again;
  assert.equal(reattached.code, 3);
  assert.match(reattached.stdout, /^one\n(.*\n)?bye\n$/);
  await dockerOk(['rm', 'ticker']);
});

test('kill, rm -f of a running container, and their errors', async () => {
  await dockerOk(['run', '-d', '--name', 'sleeper', 'bb', 'sleep', '1000']);
  // PID 1 ignores signals it has no handler for (sleep has none for TERM): SIGKILL, the default, ends it.
  assert.equal(await dockerOk(['kill', 'sleeper']), 'sleeper\n');
  assert.equal(await dockerOk(['wait', 'sleeper']), '137\n');
  const notRunning = await docker(['kill', 'sleeper']);
  assert.equal(notRunning.code, 1);
  assert.match(notRunning.stderr, /^Error response from daemon: Cannot kill container: sleeper: Container [0-9a-f]{64} is not running\n$/);
  await dockerOk(['start', 'sleeper']);
  const busy = await docker(['rm', 'sleeper']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /container is running: stop the container before removing or force remove/);
  assert.equal(await dockerOk(['rm', '-f', 'sleeper']), 'sleeper\n');
  assert.equal(await dockerOk(['ps', '-aq']), '');
});

test('docker attach sees the output of a running container and exits with its code', async () => {
  await dockerOk(['run', '-d', '--name', 'talker', 'bb', 'sh', '-c', 'sleep 1; echo late; exit 5']);
  const r = await docker(['attach', 'talker']);
  assert.deepEqual([r.code, r.stdout], [5, 'late\n']);
  await dockerOk(['rm', 'talker']);
});

test('bad input: unknown image, taken name, missing bind source, bad memory; nothing is left behind', async () => {
  const before = await readdir(join(daemon.dataRoot, 'containers'));
  const unknown = await docker(['run', '--rm', 'nope:1']);
  assert.equal(unknown.code, 125);
  assert.match(unknown.stderr, /^Unable to find image 'nope:1' locally\n/);
  const bind = await docker(['run', '--rm', '--mount', 'type=bind,src=/cais-no-such-dir,dst=/x', 'bb', 'true']);
  assert.equal(bind.code, 125);
  assert.equal(bind.stderr, 'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /cais-no-such-dir\n\nRun \'docker run --help\' for more information\n');
  const memory = await docker(['run', '--rm', '-m', '1x', 'bb', 'true']);
  assert.equal(memory.code, 125);
  await dockerOk(['create', '--name', 'taken', 'bb']);
  const taken = await docker(['run', '--name', 'taken', 'bb', 'true']);
  assert.equal(taken.code, 125);
  assert.match(taken.stderr, /The container name "\/taken" is already in use/);
  await dockerOk(['rm', 'taken']);
  const missing = await docker(['run', '--rm', 'bb', 'no-such-program']);
  assert.equal(missing.code, 127);
  assert.deepEqual(await readdir(join(daemon.dataRoot, 'containers')), before);
  assert.equal(await dockerOk(['ps', '-aq']), '');
  // No mount under the daemon's roots, no cgroup left under its parent.
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').filter((l) => l.includes(daemon.dataRoot) || l.includes(daemon.execRoot));
  assert.deepEqual(mounts, []);
  const cgroups = await readdir(join('/sys/fs/cgroup/memory', daemon.cgroupParent)).catch(() => [] as string[]);
  assert.deepEqual(cgroups.filter((name) => /^[0-9a-f]{64}$/.test(name)), []);
});

test('isolation: PID 1, own hostname and mount table, no host processes, masked /proc files, Docker capabilities', async () => {
  const out = await dockerOk([
    'run', '--rm', '--hostname', 'box', 'bb', 'sh', '-c',
    'cat /proc/1/comm; hostname; ps -o pid | wc -l; grep -c " / overlay " /proc/mounts; wc -c < /proc/keys; wc -c < /proc/timer_list; grep CapEff /proc/self/status; unshare -U true 2>/dev/null; echo unshare=$?',
  ]);
  const [pid1, hostname, processes, overlayRoot, keys, timerList, capEff, unshare] = out.trim().split('\n').map((l) => l.trim());
  assert.equal(pid1, 'sh');
  assert.equal(hostname, 'box');
  assert.ok(Number(processes) <= 4, `only the container's processes are visible (${processes} lines)`);
  assert.equal(overlayRoot, '1');
  assert.deepEqual([keys, timerList], ['0', '0']);
  assert.equal(capEff, 'CapEff:\t00000000a80425fb');
  assert.equal(unshare, 'unshare=1');
  const dropped = await dockerOk(['run', '--rm', '--cap-drop', 'ALL', '--cap-add', 'CHOWN', 'bb', 'grep', 'CapBnd', '/proc/self/status']);
  assert.equal(dropped, 'CapBnd:\t0000000000000001\n');
});

test('limits: --memory ends an allocation with 137 and OOMKilled, --pids-limit stops a fork bomb, --cpus throttles', async () => {
  const oom = await docker(['run', '--name', 'hog', '-m', '32m', 'bb', 'dd', 'if=/dev/zero', 'of=/dev/null', 'bs=100M', 'count=1']);
  assert.equal(oom.code, 137);
  assert.equal(await dockerOk(['inspect', '-f', '{{.State.OOMKilled}} {{.State.ExitCode}}', 'hog']), 'true 137\n');
  await dockerOk(['rm', 'hog']);

  const bomb = await docker(['run', '--rm', '--pids-limit', '10', 'bb', 'sh', '-c', 'i=0; while [ $i -lt 50 ]; do sleep 3 & i=$((i+1)); done']);
  assert.match(bomb.stderr, /can't fork/);

  // Block IO: a weight the host's scheduler cannot take is dropped with moby's warning; bandwidth limits reach the cgroup.
  const weight = await docker(['run', '--rm', '--blkio-weight', '500', 'bb', 'true']);
  const weightSupported = ['/sys/fs/cgroup/blkio/blkio.weight', '/sys/fs/cgroup/io.weight', '/sys/fs/cgroup/io.bfq.weight'].some((f) => existsSync(f));
  assert.deepEqual([weight.code, weight.stderr.includes('Weight discarded')], [0, !weightSupported]);
  const disk = readdirSync('/sys/block').find((d) => !/^(loop|ram|zram|dm-|sr)/.test(d));
  if (disk !== undefined && existsSync('/sys/fs/cgroup/blkio/blkio.throttle.read_bps_device')) {
    const bps = await dockerOk(['run', '--rm', '--device-read-bps', `/dev/${disk}:1mb`, 'bb', 'cat', '/sys/fs/cgroup/blkio/blkio.throttle.read_bps_device']);
    assert.match(bps, /^\d+:\d+ 1048576\n$/);
  }

  // A busy loop for 2 s under --cpus 0.5 gets about 1 s of CPU (the container sees its own cgroup).
  const usage = await dockerOk(['run', '--rm', '--cpus', '0.5', 'bb', 'sh', '-c', 'timeout 2 sh -c "while :; do :; done"; cat /sys/fs/cgroup/cpuacct/cpuacct.usage']);
  const seconds = Number(usage.trim()) / 1e9;
  assert.ok(seconds > 0.3 && seconds < 1.3, `--cpus 0.5 gave ${seconds.toFixed(2)} s of CPU in 2 s`);
});

test('volumes: data outlives the container, two containers share writes, --volumes-from, copy-up from the image', async () => {
  await dockerOk(['run', '--rm', '-v', 'shared:/data', 'bb', 'sh', '-c', 'echo first > /data/f']);
  assert.equal(await dockerOk(['run', '--rm', '-v', 'shared:/data:ro', 'bb', 'cat', '/data/f']), 'first\n');
  await dockerOk(['run', '-d', '--name', 'writer', '-v', 'shared:/data', 'bb', 'sh', '-c', 'sleep 0.5; echo second > /data/g; sleep 100']);
  assert.equal(await dockerOk(['run', '--rm', '--volumes-from', 'writer', 'bb', 'sh', '-c', 'sleep 1.5; cat /data/g']), 'second\n');
  await dockerOk(['rm', '-f', 'writer']);
  // A new volume at /etc starts with the image's /etc.
  assert.equal(await dockerOk(['run', '--rm', '-v', 'etcvol:/etc', 'bb', 'sh', '-c', 'test -e /etc/passwd || test -e /etc/hostname; echo ok']), 'ok\n');
  const read = await readFile(join(daemon.dataRoot, 'volumes', 'shared', '_data', 'f'), 'utf8');
  assert.equal(read, 'first\n');
  await dockerOk(['volume', 'rm', 'shared', 'etcvol']);
});

for (const [name, command] of [
  ['docker', 'docker'],
  ['cais', `${process.execPath} ${cliEntry}`],
] as const) {
  test(`${name} run -it in a real terminal: its size, detach with ctrl-p ctrl-q, attach again, the exit code`, async () => {
    const terms = await terminals();
    const vars = `DOCKER_HOST=${daemon.host} CAIS_HOST=${daemon.host} DOCKER_CONFIG=${daemon.execRoot}`;
    try {
      const term = await terms.open('run', `env ${vars} ${command} run -it --name tty-${name} bb sh; echo EXIT=$?; sleep 60`);
      await term.waitFor(/^\/ #\s*$/m);
      await term.send('stty size; echo $((6*7))', 'Enter');
      await term.waitFor(/^42\s*$/m);
      assert.match(await term.screen(), /^24 80\s*\n42\s*$/m);
      await term.send('C-p', 'C-q');
      await term.waitFor(/EXIT=0\s*$/m);
      assert.match(await dockerOk(['inspect', '-f', '{{.State.Status}}', `tty-${name}`]), /^running\n$/);
      const again = await terms.open('attach', `env ${vars} ${command} attach tty-${name}; echo EXIT=$?; sleep 60`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await again.send('echo back; exit 4', 'Enter');
      await again.waitFor(/EXIT=4\s*$/m);
      assert.match(await again.screen(), /^back\s*$/m);
    } finally {
      await terms.close();
      await docker(['rm', '-f', `tty-${name}`]);
    }
  });
}
