// The driver against the real conmon, crun and runc (as root), with a
// busybox rootfs and a hand-written config.json per container.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AlreadyExists, Conflict, FailedPrecondition, NotFound } from '../../common/index.js';
import { readLogs, RuntimeDriver, type CreateOptions, type RuntimeName } from './index.js';
import { runtimeError } from './driver.js';

type Context = { after(fn: () => unknown): void };


const applets = ['sh', 'echo', 'cat', 'sleep', 'true'];

interface Fixture {
  driver: RuntimeDriver;
  dir: string;
  /** Containers to delete (forced) after the test, with their cgroups. */
  created: { id: string; cgroupsPath: string }[];
}

/** A cgroup parent of this test run's own, removed at the end, so no cgroup is left on the host. */
const cgroupParent = `/cais-test-${process.pid}`;

process.on('exit', () => {
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    try {
      rmdirSync(join('/sys/fs/cgroup', controller, cgroupParent));
    } catch {
      // never created in this controller
    }
  }
});

async function setUp(t: Context): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-driver-'));
  const driver = new RuntimeDriver({ stateDir: join(dir, 'state') });
  const fixture: Fixture = { driver, dir, created: [] };
  t.after(async () => {
    try {
      for (const { id, cgroupsPath } of fixture.created) {
        await driver.delete(id, { force: true }).catch((err) => assert.ok(err instanceof NotFound, String(err)));
        for (const controller of readdirSync('/sys/fs/cgroup')) {
          assert.ok(!existsSync(join('/sys/fs/cgroup', controller, cgroupsPath)), `cgroup ${controller}${cgroupsPath} left behind`);
        }
      }
    } finally {
      driver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  await driver.init();
  return fixture;
}

interface BundleOptions {
  args: string[];
  terminal?: boolean;
  memory?: number;
}

/** A bundle with a busybox rootfs; the container is deleted (forced) after the test. */
function makeBundle({ dir, created }: Fixture, options: BundleOptions) {
  const id = `cais-test-${Math.random().toString(16).slice(2, 14)}`;
  const bundle = join(dir, id);
  const bin = join(bundle, 'rootfs', 'bin');
  mkdirSync(bin, { recursive: true });
  for (const d of ['proc', 'dev', 'sys', 'tmp']) mkdirSync(join(bundle, 'rootfs', d));
  copyFileSync('/bin/busybox', join(bin, 'busybox'));
  for (const applet of applets) symlinkSync('busybox', join(bin, applet));
  const cgroupsPath = `${cgroupParent}/${id}`;
  const config = {
    ociVersion: '1.0.2',
    process: { terminal: options.terminal === true, user: { uid: 0, gid: 0 }, args: options.args, env: ['PATH=/bin'], cwd: '/' },
    root: { path: 'rootfs' },
    hostname: 'test',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'mode=755', 'size=64k'] },
    ],
    linux: {
      cgroupsPath,
      resources: options.memory !== undefined ? { memory: { limit: options.memory } } : {},
      namespaces: ['pid', 'mount', 'ipc', 'uts', 'network'].map((type) => ({ type })),
    },
  };
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(config));
  created.push({ id, cgroupsPath });
  const createOptions = (more: Partial<CreateOptions> = {}): CreateOptions => ({
    logPath: join(bundle, 'ctr.log'),
    cgroupsPath,
    ...more,
  });
  return { id, bundle, createOptions };
}

async function logText(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const entry of readLogs(path)) lines.push(`${entry.stream} ${entry.text.toString()}`);
  return lines;
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

for (const runtime of ['crun', 'runc'] as RuntimeName[]) {
  test(`${runtime}: echo through conmon, with the log and the exit code`, async (t) => {
    const f = await setUp(t);
    const { driver } = f;
    const c = makeBundle(f, { args: ['/bin/sh', '-c', 'echo hi; echo oops >&2'] });
    const { pid } = await driver.create(c.id, c.bundle, c.createOptions({ runtime }));
    assert.ok(pid > 0);
    assert.equal((await driver.state(c.id)).status, 'created');
    await driver.start(c.id);
    assert.equal(await driver.waitExit(c.id), 0);
    assert.equal(await driver.exitCode(c.id), 0);
    assert.deepEqual((await logText(join(c.bundle, 'ctr.log'))).sort(), ['stderr oops', 'stdout hi']);
    const state = await driver.state(c.id);
    assert.equal(state.status, 'stopped');
    assert.equal(state.exitCode, 0);
  });
}

test('the exit code of sh -c "exit 3" is recorded', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const c = makeBundle(f, { args: ['/bin/sh', '-c', 'exit 3'] });
  await driver.create(c.id, c.bundle, c.createOptions());
  assert.equal(await driver.exitCode(c.id), undefined);
  await driver.start(c.id);
  assert.equal(await driver.waitExit(c.id), 3);
  assert.equal(await driver.exitCode(c.id), 3);
  assert.equal(await driver.oomKilled(c.id), false);
});

test('crun through the wrapper puts the memory limit in the cgroup v1 hierarchy', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const c = makeBundle(f, { args: ['/bin/sleep', '60'], memory: 32 * 1024 * 1024 });
  await driver.create(c.id, c.bundle, c.createOptions({ runtime: 'crun' }));
  const limit = readFileSync(`/sys/fs/cgroup/memory${cgroupParent}/${c.id}/memory.limit_in_bytes`, 'utf8');
  assert.equal(limit.trim(), String(32 * 1024 * 1024));
  await driver.delete(c.id, { force: true });
  assert.ok(!existsSync(`/sys/fs/cgroup/memory${cgroupParent}/${c.id}`));
  await assert.rejects(driver.state(c.id), NotFound);
});

test('a container outlives the process that created it (conmon is detached)', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const c = makeBundle(f, { args: ['/bin/sleep', '60'] });
  const script = `
    import { RuntimeDriver } from ${JSON.stringify(new URL('./index.js', import.meta.url).href)};
    const driver = new RuntimeDriver({ stateDir: ${JSON.stringify(join(f.dir, 'state'))} });
    await driver.init();
    const { pid } = await driver.create(${JSON.stringify(c.id)}, ${JSON.stringify(c.bundle)}, ${JSON.stringify(c.createOptions())});
    await driver.start(${JSON.stringify(c.id)});
    console.log(pid);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const pid = Number(line.toString().trim());
  child.kill('SIGKILL');
  await once(child, 'exit');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const state = await driver.state(c.id);
  assert.equal(state.status, 'running');
  assert.equal(state.pid, pid);
  assert.ok(existsSync(`/proc/${pid}`));
  await driver.kill(c.id, 'SIGKILL');
  assert.equal(await driver.waitExit(c.id), 137);
  await driver.delete(c.id);
  assert.ok(!existsSync(`/proc/${pid}`));
  await assert.rejects(driver.state(c.id), NotFound);
});

test('attach reads stdout and stderr and writes stdin through the SEQPACKET socket', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const c = makeBundle(f, { args: ['/bin/sh', '-c', 'cat; echo done >&2'] });
  await driver.create(c.id, c.bundle, c.createOptions({ stdin: true }));
  const attachment = await driver.attach(c.id);
  await driver.start(c.id);
  const stderr = readAll(attachment.stderr);
  const firstChunk = once(attachment.stdout, 'data') as Promise<[Buffer]>;
  attachment.stdin.write('hello\n');
  assert.equal((await firstChunk)[0].toString(), 'hello\n');
  attachment.stdin.write('x'.repeat(40_000) + '\n');
  attachment.stdin.end();
  const rest = await readAll(attachment.stdout);
  assert.equal(rest, 'x'.repeat(40_000) + '\n');
  assert.equal(await stderr, 'done\n');
  assert.equal(await driver.waitExit(c.id), 0);
  attachment.close();
});

test('exec runs a process in the running container through conmon, with stdio and exit code', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const c = makeBundle(f, { args: ['/bin/sleep', '60'] });
  await driver.create(c.id, c.bundle, c.createOptions());
  await driver.start(c.id);
  const proc = (args: string[]) => ({ terminal: false, user: { uid: 0, gid: 0 }, args, env: ['PATH=/bin'], cwd: '/' });

  const session = await driver.exec(c.id, 'exec1', proc(['/bin/sh', '-c', 'echo out; echo err >&2; exit 5']));
  assert.ok(session.pid > 0);
  const [out, err] = await Promise.all([readAll(session.attachment.stdout), readAll(session.attachment.stderr)]);
  assert.equal(out, 'out\n');
  assert.equal(err, 'err\n');
  assert.equal(await session.exitCode, 5);

  const cat = await driver.exec(c.id, 'exec2', proc(['/bin/cat']), { stdin: true });
  cat.attachment.stdin.end('piped\n');
  assert.equal(await readAll(cat.attachment.stdout), 'piped\n');
  assert.equal(await cat.exitCode, 0);

  await assert.rejects(driver.exec(c.id, 'exec3', proc(['/bin/nonexistent'])), FailedPrecondition);
  assert.equal((await driver.state(c.id)).status, 'running');
});

test('bad requests fail with the right class and leave nothing behind', async (t) => {
  const f = await setUp(t);
  const { driver } = f;
  const bad = makeBundle(f, { args: ['/bin/nonexistent'] });
  await assert.rejects(driver.create(bad.id, bad.bundle, bad.createOptions()), FailedPrecondition);
  await assert.rejects(driver.state(bad.id), NotFound);
  assert.deepEqual(readdirSync(join(f.dir, 'state', 'containers')), []);
  assert.deepEqual(readdirSync(join(f.dir, 'state', 'sockets')), []);
  assert.deepEqual(readdirSync(join(f.dir, 'state', 'crun')), []);

  const c = makeBundle(f, { args: ['/bin/sleep', '60'] });
  await driver.create(c.id, c.bundle, c.createOptions());
  await assert.rejects(driver.create(c.id, c.bundle, c.createOptions()), AlreadyExists);
  await driver.start(c.id);
  await assert.rejects(driver.delete(c.id), Conflict);
  assert.equal((await driver.state(c.id)).status, 'running');
  await assert.rejects(driver.kill(c.id, 'NOT A SIGNAL'), /invalid signal/);
  await assert.rejects(driver.start('../etc'), /invalid container id/);
  await assert.rejects(driver.waitExit('cais-test-missing'), NotFound);
});

test("words crun's missing-program error as runc does", () => {
  assert.equal(runtimeError('executable file `nope` not found in $PATH: No such file or directory\n'), 'exec: "nope": executable file not found in $PATH');
  assert.equal(runtimeError(undefined), 'unknown error');
});
