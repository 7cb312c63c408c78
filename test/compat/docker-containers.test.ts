// The real docker CLI (28.x) against a cais daemon: create, ps, inspect, rm
// and prune of containers that are created but not started, with the
// columns, messages and exit codes Docker prints.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDaemon, type TestDaemon } from '../support/daemon.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { run, runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
const docker = (args: string[]) => run('docker', args, { env });
const dockerOk = (args: string[]) => runOk('docker', args, { env });

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  await importBusybox(env);
});
after(async () => {
  await daemon?.stop();
});

test('docker create prints the id; ps -a and inspect show a created container', async () => {
  const id = (await dockerOk(['create', '--name', 'web', '-l', 'app=web', 'bb', 'sh', '-c', 'echo a long command line'])).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const [header, row, extra] = (await dockerOk(['ps', '-a'])).split('\n');
  assert.match(header!, /^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
  assert.match(row!, new RegExp(`^${id.slice(0, 12)}\\s+bb\\s+"sh -c 'echo a long …"\\s+(Less than a second|\\d+ seconds?) ago\\s+Created\\s+web$`));
  assert.equal(extra, '');
  assert.equal(await dockerOk(['ps']), 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  assert.equal(await dockerOk(['ps', '-aq', '--filter', 'label=app=web']), `${id.slice(0, 12)}\n`);
  const [inspect] = JSON.parse(await dockerOk(['inspect', 'web'])) as { Id: string; Name: string; State: { Status: string; Running: boolean }; Config: { Hostname: string; Cmd: string[] } }[];
  assert.equal(inspect?.Id, id);
  assert.equal(inspect?.Name, '/web');
  assert.deepEqual([inspect?.State.Status, inspect?.State.Running], ['created', false]);
  assert.equal(inspect?.Config.Hostname, id.slice(0, 12));
  assert.deepEqual(inspect?.Config.Cmd, ['sh', '-c', 'echo a long command line']);
  assert.equal(await dockerOk(['container', 'inspect', '-f', '{{.Path}} {{.HostConfig.NetworkMode}}', id.slice(0, 6)]), 'sh none\n');
});

test("name conflicts, unknown images, bad values and images in use get Docker's errors", async () => {
  const id = (await dockerOk(['inspect', '-f', '{{.Id}}', 'web'])).trim();
  const dirs = await readdir(join(daemon.dataRoot, 'containers'));
  const conflict = await docker(['create', '--name', 'web', 'bb']);
  assert.equal(conflict.code, 1);
  assert.equal(
    conflict.stderr,
    `Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n`,
  );
  const unknown = await docker(['create', 'nope']);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /^Unable to find image 'nope:latest' locally\n/);
  const memory = await docker(['create', '--memory', '12q', 'bb']);
  assert.equal(memory.code, 125);
  assert.match(memory.stderr, /^invalid argument "12q" for "-m, --memory" flag: invalid suffix: 'q'\n/);
  const restart = await docker(['create', '--restart', 'sometimes', 'bb']);
  assert.equal(restart.code, 1);
  assert.equal(restart.stderr, "Error response from daemon: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n");
  assert.deepEqual(await readdir(join(daemon.dataRoot, 'containers')), dirs);
  const rmi = await docker(['rmi', 'bb']);
  assert.equal(rmi.code, 1);
  assert.match(rmi.stderr, /^Error response from daemon: conflict: unable to remove repository reference "bb" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/);
  assert.match(await dockerOk(['system', 'df']), /\nContainers\s+1\s+0\s+0B\s+0B\n/);
});

test('docker rm and container prune remove containers and their directories', async () => {
  await dockerOk(['create', '--name', 'other', 'bb']);
  assert.equal(await dockerOk(['rm', 'web']), 'web\n');
  const missing = await docker(['rm', 'web']);
  assert.deepEqual([missing.code, missing.stderr], [1, 'Error response from daemon: No such container: web\n']);
  const other = (await dockerOk(['inspect', '-f', '{{.Id}}', 'other'])).trim();
  assert.equal(await dockerOk(['container', 'prune', '-f']), `Deleted Containers:\n${other}\n\nTotal reclaimed space: 0B\n`);
  assert.deepEqual(await readdir(join(daemon.dataRoot, 'containers')), []);
  assert.match(await dockerOk(['rmi', 'bb']), /^Untagged: bb:latest\nDeleted: sha256:/);
});
