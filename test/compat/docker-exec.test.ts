// The real docker CLI (28.x) and cais exec against a cais daemon, output
// and exit codes compared: plain commands, exit codes (126/127 for
// commands that cannot run), -e/-u/-w (not --env-file: Node 20 takes it
// for itself wherever it appears), -i with piped stdin, -d, errors;
// and -it in a real terminal (tmux): the prompt, raw input, the size, and
// a resize.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliEntry, clis } from '../support/cli.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { run, runOk } from '../support/exec.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { terminals, type Terminals } from '../support/terminal.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
const { cais, docker } = clis(() => env);
let terms: Terminals | undefined;

/** Both CLIs give the same output and exit code; that result. */
async function same(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const theirs = await docker(args, input);
  const ours = await cais(args, input);
  assert.deepEqual(ours, { ...theirs, stderr: theirs.stderr.replaceAll('docker', 'cais') }, `cais ${args.join(' ')} differs from docker`);
  return ours;
}

before(async () => {
  terms = await terminals();
  daemon = await startDaemon();
  env = dockerEnv(daemon, { FROM_HOST: 'host value' });
  await importBusybox(env);
  await runOk('docker', ['create', '--name', 'box', '-e', 'A=container', 'bb', 'sleep', '1000'], { env });
  await daemon.client.startContainer('box');
});

after(async () => {
  await terms?.close();
  if (daemon) await run('docker', ['rm', '-f', 'box'], { env });
  await daemon?.stop();
});

describe('docker exec and cais exec', () => {
  it('run a command and print its output', async () => {
    assert.deepEqual(await same(['exec', 'box', 'echo', 'hi']), { code: 0, stdout: 'hi\n', stderr: '' });
    assert.deepEqual(await same(['container', 'exec', 'box', 'sh', '-c', 'echo out; echo err >&2']), { code: 0, stdout: 'out\n', stderr: 'err\n' });
  });

  it("exit with the process's exit code, 127 or 126 when it cannot run", async () => {
    assert.equal((await same(['exec', 'box', 'sh', '-c', 'exit 7'])).code, 7);
    const missing = await same(['exec', 'box', 'nonexistent']);
    assert.equal(missing.code, 127);
    assert.match(missing.stdout, /^OCI runtime exec failed: /);
    assert.equal((await same(['exec', 'box', '/etc/passwd'])).code, 126);
  });

  it('take -e (and variables from the environment), -u and -w', async () => {
    const r = await same(['exec', '-e', 'B=1', '-e', 'FROM_HOST', '-u', 'nobody', '-w', '/bin', 'box', 'sh', '-c', 'echo $A $B $FROM_HOST; pwd; id']);
    assert.equal(r.stdout, 'container 1 host value\n/bin\nuid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
  });

  it('read piped stdin with -i only', async () => {
    assert.equal((await same(['exec', '-i', 'box', 'sh', '-c', 'cat; echo end'], 'piped\n')).stdout, 'piped\nend\n');
    assert.equal((await same(['exec', 'box', 'sh', '-c', 'cat; echo end'], 'ignored\n')).stdout, 'end\n');
  });

  it('run detached with -d', async () => {
    assert.deepEqual(await same(['exec', '-d', 'box', 'sh', '-c', 'echo detached >> /tmp/d']), { code: 0, stdout: '', stderr: '' });
    for (let i = 0; i < 100 && (await cais(['exec', 'box', 'cat', '/tmp/d'])).stdout !== 'detached\ndetached\n'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await cais(['exec', 'box', 'cat', '/tmp/d'])).stdout, 'detached\ndetached\n');
  });

  it("report errors as docker does", async () => {
    assert.deepEqual(await same(['exec', 'nope', 'true']), { code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
    assert.deepEqual(await same(['exec', '-it', 'box', 'sh'], ''), { code: 1, stdout: '', stderr: 'the input device is not a TTY\n' });
    assert.deepEqual(await same(['exec', '-u', 'bogus', 'box', 'true']), {
      code: 1,
      stdout: '',
      stderr: 'Error response from daemon: unable to find user bogus: no matching entries in passwd file\n',
    });
    const usage = await same(['exec', 'box']);
    assert.equal(usage.code, 1);
  });

  for (const [name, command] of [
    ['docker', 'docker'],
    ['cais', `${process.execPath} ${cliEntry}`],
  ] as const) {
    it(`${name} exec -it gives a terminal: raw input, its size, resizes`, async () => {
      const session = `exec-${name}`;
      const vars = `DOCKER_HOST=${daemon.host} CAIS_HOST=${daemon.host} DOCKER_CONFIG=${daemon.execRoot}`;
      const term = await terms!.open(session, `env ${vars} ${command} exec -it box sh; echo EXIT=$?; sleep 60`);
      await term.waitFor(/^\/ #\s*$/m);
      await term.send('tty; stty size; echo $((6*7))', 'Enter');
      await term.waitFor(/^42\s*$/m);
      assert.match(await term.screen(), /^\/dev\/pts\/\d+\s*\n24 80\s*\n42\s*$/m);
      // The new size travels SIGWINCH -> CLI -> daemon -> conmon: asked again until it arrives.
      await term.resize(100, 30);
      for (let i = 0; i < 40 && !/^30 100\s*$/m.test(await term.screen()); i++) {
        await term.send('clear; stty size', 'Enter');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.match(await term.screen(), /^30 100\s*$/m);
      // Ctrl-C reaches the shell's foreground command (raw mode), not the CLI.
      await term.send('clear; echo started; sleep 100', 'Enter');
      await term.waitFor(/^started\s*$/m);
      await term.send('C-c');
      await term.waitFor(/^\/ #\s*$/m);
      await term.send('exit 3', 'Enter');
      await term.waitFor(/^EXIT=3\s*$/m);
      await term.kill();
    });
  }
});
