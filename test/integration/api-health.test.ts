// Health checks on a real daemon and real containers, with short intervals:
// starting → healthy, unhealthy after the retries with the failing streak
// and the log, a probe past its timeout, NONE, events, the list's Status
// and health filter, monitoring that goes on after a daemon kill -9 and
// restart, and the real docker CLI's ps.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { ContainerInspect } from '../../src/spec/docker/index.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { runOk } from '../support/exec.js';
import { busyboxRootfs } from '../support/images.js';

let daemon: TestDaemon;
const ms = 1e6;

async function running(name: string, Healthcheck: object | undefined): Promise<string> {
  const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: ['sleep', '1000'], Healthcheck }, { name });
  await daemon.client.startContainer(Id);
  return Id;
}

/** Inspects until `ok` holds (10 s at most). */
async function until(ref: string, ok: (c: ContainerInspect) => boolean): Promise<ContainerInspect> {
  let c = await daemon.client.inspectContainer(ref);
  for (let i = 0; i < 100 && !ok(c); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    c = await daemon.client.inspectContainer(ref);
  }
  assert.ok(ok(c), JSON.stringify(c.State));
  return c;
}

before(async () => {
  daemon = await startDaemon();
  await daemon.client.importImage(Readable.from([await busyboxRootfs()]), { repo: 'bb', tag: 'latest' }, () => undefined);
});

after(async () => {
  await daemon?.stop();
});

describe('health checks', () => {
  it('a passing check goes from starting to healthy, with an event and the list showing it', async () => {
    const since = `${Math.floor(Date.now() / 1000)}`;
    const id = await running('ok', { Test: ['CMD-SHELL', 'echo fine; echo $HOSTNAME >&2'], Interval: 300 * ms });
    assert.deepEqual((await daemon.client.inspectContainer(id)).State.Health, { Status: 'starting', FailingStreak: 0, Log: [] });
    assert.match((await daemon.client.listContainers({ filters: { name: ['ok'] } }))[0]!.Status, /^Up .* \(health: starting\)$/);
    const c = await until(id, (c) => c.State.Health?.Status === 'healthy');
    const entry = c.State.Health!.Log[0]!;
    assert.equal(entry.ExitCode, 0);
    assert.equal(entry.Output, `fine\n${id.slice(0, 12)}\n`);
    assert.ok(Date.parse(entry.End) >= Date.parse(entry.Start));
    assert.match((await daemon.client.listContainers({ filters: { name: ['ok'] } }))[0]!.Status, /^Up .* \(healthy\)$/);
    const names = async (health: string) => (await daemon.client.listContainers({ all: true, filters: { health: [health] } })).map((s) => s.Names[0]);
    assert.ok((await names('healthy')).includes('/ok'));
    assert.ok(!(await names('none')).includes('/ok'));
    const actions: string[] = [];
    await daemon.client.events({ since, until: `${Math.ceil(Date.now() / 1000) + 1}`, filters: { container: [id] } }, (e) => actions.push(e.Action));
    assert.ok(actions.includes('health_status: healthy'), actions.join());
    await daemon.client.removeContainer(id, { force: true });
  });

  it('a failing check is unhealthy after the retries, with the failing streak and the last five results', async () => {
    const id = await running('bad', { Test: ['CMD', 'sh', '-c', 'echo broken; exit 3'], Interval: 200 * ms, Retries: 2 });
    const c = await until(id, (c) => (c.State.Health?.FailingStreak ?? 0) >= 6);
    const h = c.State.Health!;
    assert.equal(h.Status, 'unhealthy');
    assert.ok(h.FailingStreak >= 6);
    assert.equal(h.Log.length, 5);
    assert.ok(h.Log.every((r) => r.ExitCode === 3 && r.Output === 'broken\n'));
    assert.match((await daemon.client.listContainers({ filters: { name: ['bad'] } }))[0]!.Status, /\(unhealthy\)$/);
    await assert.rejects(daemon.client.listContainers({ filters: { health: ['fine'] } }), /Unrecognised filter value for health: fine/);
    // Stopped, it keeps its last health.
    await daemon.client.stopContainer(id, { timeout: 0 });
    assert.equal((await daemon.client.inspectContainer(id)).State.Health?.Status, 'unhealthy');
    await daemon.client.removeContainer(id, { force: true });
  });

  it('kills a probe past its timeout and records -1 with moby’s message', async () => {
    const id = await running('slow', { Test: ['CMD', 'sleep', '5'], Interval: 200 * ms, Timeout: 300 * ms, Retries: 1 });
    const c = await until(id, (c) => c.State.Health?.Status === 'unhealthy');
    assert.deepEqual([c.State.Health!.Log[0]!.ExitCode, c.State.Health!.Log[0]!.Output], [-1, 'Health check exceeded timeout (300ms)']);
    assert.ok(Date.parse(c.State.Health!.Log[0]!.End) - Date.parse(c.State.Health!.Log[0]!.Start) < 3000);
    await daemon.client.removeContainer(id, { force: true });
  });

  it('has no health with NONE or without a healthcheck', async () => {
    const none = await running('none', { Test: ['NONE'] });
    const plain = await running('plain', undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const id of [none, plain]) {
      assert.equal((await daemon.client.inspectContainer(id)).State.Health, undefined);
      assert.match((await daemon.client.listContainers({ filters: { id: [id] } }))[0]!.Status, /^Up [^(]*$/);
    }
    const names = (await daemon.client.listContainers({ filters: { health: ['none'] } })).map((s) => s.Names[0]);
    assert.deepEqual(names.sort(), ['/none', '/plain']);
    await daemon.client.removeContainer(none, { force: true });
    await daemon.client.removeContainer(plain, { force: true });
  });

  it('goes on checking a container that outlived a daemon killed with -9', async () => {
    const id = await running('lasting', { Test: ['CMD-SHELL', 'test ! -e /tmp/sick'], Interval: 200 * ms, Retries: 1 });
    await until(id, (c) => c.State.Health?.Status === 'healthy');
    await daemon.kill9();
    await daemon.restart();
    const { Id: exec } = await daemon.client.createExec(id, { Cmd: ['touch', '/tmp/sick'] });
    await daemon.client.startExec(exec, { Detach: true });
    const c = await until(id, (c) => c.State.Health?.Status === 'unhealthy');
    assert.ok(c.State.Health!.Log.some((r) => r.ExitCode === 0));
    await daemon.client.removeContainer(id, { force: true });
  });

  it('docker ps (the real CLI) shows the health of a container docker run started', async () => {
    const env = { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: daemon.execRoot };
    const docker = (args: string[]) => runOk('docker', args, { env });
    await docker(['run', '-d', '--name', 'cli', '--health-cmd', 'true', '--health-interval', '200ms', 'bb', 'sleep', '1000']);
    await until('cli', (c) => c.State.Health?.Status === 'healthy');
    assert.match(await docker(['ps', '--filter', 'name=cli', '--format', '{{.Status}}']), /^Up .* \(healthy\)\n$/);
    assert.equal(await docker(['ps', '--filter', 'health=healthy', '--format', '{{.Names}}']), 'cli\n');
    assert.equal(await docker(['inspect', '--format', '{{.State.Health.Status}} {{.State.Health.FailingStreak}}', 'cli']), 'healthy 0\n');
    await docker(['run', '-d', '--name', 'cli-none', '--no-healthcheck', 'bb', 'sleep', '1000']);
    assert.equal(await docker(['inspect', '--format', '{{json .Config.Healthcheck.Test}} {{.State.Health}}', 'cli-none']), '["NONE"] <nil>\n');
    await docker(['rm', '-f', 'cli', 'cli-none']);
  });
});
