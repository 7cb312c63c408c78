// Exec instances through the Engine API against a real daemon and real
// containers: output framing, TTY, stdin, exit codes, the container's
// environment, user and directory, inspect, errors as moby words them, and
// exec into a container a previous daemon started.
import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { demultiplex } from '../../src/client/index.js';
import type { ExecCreateRequest, ExecInspectResponse } from '../../src/spec/docker/index.js';
import { busyboxRootfs } from '../support/images.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { Readable, Writable } from 'node:stream';

let daemon: TestDaemon;
let box: string;

interface ExecResult {
  stdout: string;
  stderr: string;
  /** The bytes as they came, frame headers and all. */
  raw: Buffer;
  inspect: ExecInspectResponse;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

/** Reads a started exec's connection to its end. */
async function readAll(socket: Duplex, tty: boolean): Promise<{ stdout: string; stderr: string; raw: Buffer }> {
  const raw: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => raw.push(chunk));
  if (tty) {
    await new Promise((resolve) => socket.once('end', resolve));
    const text = Buffer.concat(raw).toString();
    return { stdout: text, stderr: '', raw: Buffer.concat(raw) };
  }
  const out = collector();
  const err = collector();
  await demultiplex(socket, out.stream, err.stream);
  return { stdout: out.text(), stderr: err.text(), raw: Buffer.concat(raw) };
}

async function exec(container: string, body: Partial<ExecCreateRequest>, input?: string): Promise<ExecResult> {
  const { client } = daemon;
  const { Id } = await client.createExec(container, { AttachStdout: true, AttachStderr: true, AttachStdin: input !== undefined, ...body });
  const socket = await client.startExec(Id, { Tty: body.Tty ?? false, ConsoleSize: body.ConsoleSize ?? null });
  if (input !== undefined) socket.end(input);
  const out = await readAll(socket, body.Tty ?? false);
  return { ...out, inspect: await client.inspectExec(Id) };
}

async function running(name: string, config: object = {}): Promise<string> {
  const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: ['sleep', '1000'], ...config }, { name });
  await daemon.client.startContainer(Id);
  return Id;
}

before(async () => {
  daemon = await startDaemon();
  await daemon.client.importImage(Readable.from([await busyboxRootfs()]), { repo: 'bb', tag: 'latest' }, () => undefined);
  box = await running('box', { Env: ['A=container', 'B=b'], WorkingDir: '/tmp', Hostname: 'boxhost' });
});

after(async () => {
  for (const c of (await daemon?.client.listContainers({ all: true }).catch(() => [])) ?? []) {
    await daemon.client.removeContainer(c.Id, { force: true });
  }
  await daemon?.stop();
});

describe('exec', () => {
  it('runs a command with stdout and stderr in frames, and records its exit code', async () => {
    const r = await exec('box', { Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
    assert.deepEqual([...r.raw.subarray(0, 8)], [1, 0, 0, 0, 0, 0, 0, 4]);
    assert.equal(r.inspect.ExitCode, 3);
    assert.equal(r.inspect.Running, false);
    assert.ok(r.inspect.Pid > 0);
    assert.deepEqual(r.inspect.ProcessConfig, { tty: false, entrypoint: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'], privileged: false });
    assert.equal(r.inspect.ContainerID, box);
  });

  it("has the container's environment with the exec's on top, its directory and user, or the exec's", async () => {
    const r = await exec('box', { Cmd: ['sh', '-c', 'echo $A $B $HOSTNAME $TERM; pwd; id'], Env: ['A=exec'] });
    assert.equal(r.stdout, 'exec b boxhost\n/tmp\nuid=0(root) gid=0(root) groups=0(root)\n');
    const other = await exec('box', { Cmd: ['sh', '-c', 'pwd; id'], User: 'nobody', WorkingDir: '/bin' });
    assert.equal(other.stdout, '/bin\nuid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    assert.equal(other.inspect.ProcessConfig.user, 'nobody');
  });

  it('gives a TTY raw, with the console size asked for, and resizes it', async () => {
    const r = await exec('box', { Cmd: ['sh', '-c', 'tty; stty size; echo $TERM'], Tty: true, ConsoleSize: [30, 100] });
    assert.match(r.stdout, /^\/dev\/pts\/\d+\r\n30 100\r\nxterm\r\n$/);
    const { Id } = await daemon.client.createExec('box', { AttachStdin: true, AttachStdout: true, Tty: true, Cmd: ['sh', '-c', 'read x; stty size'] });
    const socket = await daemon.client.startExec(Id, { Tty: true });
    const read = readAll(socket, true);
    await daemon.client.resizeExec(Id, 40, 120);
    socket.write('\n');
    assert.match((await read).stdout, /40 120\r\n$/);
  });

  it('feeds stdin, and ends it when the client half-closes', async () => {
    const r = await exec('box', { Cmd: ['sh', '-c', 'cat; echo done'] }, 'hello\nworld\n');
    assert.equal(r.stdout, 'hello\nworld\ndone\n');
    assert.equal(r.inspect.ExitCode, 0);
    assert.equal(r.inspect.OpenStdin, true);
  });

  it('gives all capabilities with Privileged', async () => {
    const caps = async (privileged: boolean) =>
      (await exec('box', { Cmd: ['grep', 'CapEff', '/proc/self/status'], Privileged: privileged })).stdout;
    assert.equal(await caps(false), 'CapEff:\t00000000a80425fb\n');
    assert.notEqual(await caps(true), await caps(false));
  });

  it('lists created execs in the container, refuses a second start, and runs detached', async () => {
    const { client } = daemon;
    const { Id } = await client.createExec('box', { Cmd: ['sh', '-c', 'echo detached > /tmp/mark'] });
    assert.match(Id, /^[0-9a-f]{64}$/);
    assert.deepEqual((await client.inspectContainer('box')).ExecIDs, [Id]);
    const created = await client.inspectExec(Id);
    assert.deepEqual([created.Running, created.ExitCode, created.Pid, created.CanRemove], [false, null, 0, false]);
    await client.startExec(Id, { Detach: true });
    for (let i = 0; i < 100 && (await client.inspectExec(Id)).ExitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await client.inspectExec(Id)).ExitCode, 0);
    assert.equal((await client.inspectContainer('box')).ExecIDs, null);
    await assert.rejects(client.startExec(Id, { Detach: true }), { name: 'Conflict', message: `exec command ${Id} has already run` });
    assert.equal((await exec('box', { Cmd: ['cat', '/tmp/mark'] })).stdout, 'detached\n');
  });

  it('reports a command that cannot run in the stream, with 127 or 126 as its exit code', async () => {
    const missing = await exec('box', { Cmd: ['nonexistent'] });
    assert.match(missing.stdout, /OCI runtime exec failed: .*\r\n$/);
    assert.equal(missing.inspect.ExitCode, 127);
    const notExecutable = await exec('box', { Cmd: ['/etc/passwd'] });
    assert.equal(notExecutable.inspect.ExitCode, 126);
  });

  it("answers bad requests with moby's errors", async () => {
    const { client } = daemon;
    await assert.rejects(client.createExec('box', { Cmd: [] }), { name: 'InvalidArgument', message: 'No exec command specified' });
    await assert.rejects(client.createExec('nope', { Cmd: ['true'] }), { name: 'NotFound', message: 'No such container: nope' });
    await assert.rejects(client.createExec('box', { Cmd: ['true'], User: 'bogus' }), {
      name: 'InvalidArgument',
      message: 'unable to find user bogus: no matching entries in passwd file',
    });
    await assert.rejects(client.inspectExec('feed'), { name: 'NotFound', message: 'No such exec instance: feed' });
    await assert.rejects(client.startExec('feed', {}), { name: 'NotFound', message: 'No such exec instance: feed' });
    await assert.rejects(client.resizeExec('feed', 1, 1), { name: 'NotFound', message: 'No such exec instance: feed' });
    const { Id: stopped } = await client.createContainer({ Image: 'bb', Cmd: ['true'] }, { name: 'stopped' });
    await assert.rejects(client.createExec('stopped', { Cmd: ['true'] }), { name: 'Conflict', message: `container ${stopped} is not running` });
  });

  it("forgets a container's execs when it stops", async () => {
    const id = await running('short');
    const { Id } = await daemon.client.createExec(id, { Cmd: ['true'] });
    await daemon.client.stopContainer(id, { timeout: 0 });
    await assert.rejects(daemon.client.inspectExec(Id), { name: 'NotFound' });
    await assert.rejects(daemon.client.startExec(Id, { Detach: true }), { name: 'NotFound' });
  });

  it('runs in a container a previous daemon started', async () => {
    await daemon.restart();
    const r = await exec('box', { Cmd: ['sh', '-c', 'echo $A; cat'] }, 'after restart\n');
    assert.equal(r.stdout, 'container\nafter restart\n');
    assert.equal(r.inspect.ExitCode, 0);
  });
});
