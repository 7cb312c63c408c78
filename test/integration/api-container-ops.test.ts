// Running containers through the API: top lists the container's processes
// only, stats reads its cgroup in moby's shape, pause freezes it, rename
// and update change it (limits applied live), and /events reports it all.
import assert from 'node:assert/strict';
import { readFile, readdir, rmdir } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { ContainerStatsResponse, EventMessage } from '../../src/spec/index.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { busyboxRootfs } from '../support/images.js';
import { dockerDefinition } from '../support/schemas.js';

let daemon: TestDaemon;
// A cgroup parent of this test's own, removed at the end.
const cgroupParent = `cais-test-ops-${process.pid}`;
const cgroup = (controller: string, id: string, file: string): Promise<string> => readFile(join('/sys/fs/cgroup', controller, cgroupParent, id, file), 'utf8');

async function run(name: string, cmd: string[], host: object = {}): Promise<string> {
  const { Id } = await daemon.client.createContainer({ Image: 'bb', Cmd: cmd, HostConfig: host }, { name });
  await daemon.client.startContainer(Id);
  return Id;
}


before(async () => {
  daemon = await startDaemon({ extraArgs: ['--cgroup-parent', `/${cgroupParent}`] });
  await daemon.client.importImage(Readable.from([await busyboxRootfs()]), { repo: 'bb', changes: ['CMD ["/bin/sh"]'] }, () => {});
});

after(async () => {
  if (daemon) for (const c of await daemon.client.listContainers({ all: true })) await daemon.client.removeContainer(c.Id, { force: true });
  await daemon?.stop();
  for (const controller of await readdir('/sys/fs/cgroup')) await rmdir(join('/sys/fs/cgroup', controller, cgroupParent)).catch(() => undefined);
});

describe('container operations', () => {
  it('top lists the processes in the container only, with ps arguments', async () => {
    // sh execs its last command: two processes.
    const id = await run('topper', ['sh', '-c', 'sleep 1001 & sleep 1002']);
    await sleep(200);
    const top = await daemon.client.topContainer(id);
    assert.deepEqual(top.Titles, ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    assert.deepEqual(top.Processes.map((p) => p.at(-1)).sort(), ['sleep 1001', 'sleep 1002']);
    assert.ok(dockerDefinition('ContainerTopResponse')(top));
    const aux = await daemon.client.topContainer('topper', 'aux');
    assert.equal(aux.Titles[0], 'USER');
    assert.equal(aux.Processes.length, 2);
    await assert.rejects(daemon.client.topContainer('topper', '-o pid,x=PID'), { message: 'specifying "pid,x=PID" is not allowed' });
    await daemon.client.removeContainer(id, { force: true });
    const { Id: stopped } = await daemon.client.createContainer({ Image: 'bb' }, { name: 'idle' });
    await assert.rejects(daemon.client.topContainer('idle'), { message: `container ${stopped} is not running` });
  });

  it('stats read the cgroup: one-shot, with the previous sample, and streamed once a second', async () => {
    const id = await run('busy', ['sh', '-c', 'while :; do :; done'], { Memory: 64 * 1024 * 1024, PidsLimit: 50 });
    const samples = async (q: { stream: boolean; oneShot?: boolean }, count: number, ref = 'busy'): Promise<ContainerStatsResponse[]> => {
      const out: ContainerStatsResponse[] = [];
      const stop = new AbortController();
      await daemon.client.containerStats(ref, q, (s) => {
        out.push(s);
        if (out.length === count) stop.abort();
      }, stop.signal);
      return out;
    };
    const validate = dockerDefinition('ContainerStatsResponse');
    const [oneShot] = await samples({ stream: false, oneShot: true }, 1);
    assert.ok(validate(oneShot), JSON.stringify(validate.errors));
    assert.equal(oneShot!.name, '/busy');
    assert.equal(oneShot!.id, id);
    assert.equal(oneShot!.preread, '0001-01-01T00:00:00Z');
    assert.equal(oneShot!.memory_stats.limit, 64 * 1024 * 1024);
    assert.ok(oneShot!.memory_stats.usage! > 0);
    assert.ok('total_inactive_file' in oneShot!.memory_stats.stats!);
    assert.deepEqual(oneShot!.pids_stats, { current: 1, limit: 50 });
    assert.equal(oneShot!.cpu_stats.online_cpus, os.cpus().length);

    const [withPrevious] = await samples({ stream: false }, 1);
    const { cpu_stats: cpu, precpu_stats: pre } = withPrevious!;
    assert.ok(validate(withPrevious));
    const elapsed = Date.parse(withPrevious!.read) - Date.parse(withPrevious!.preread);
    assert.ok(elapsed >= 900 && elapsed < 2000, `${elapsed} ms between samples`);
    // A spinning shell keeps about one CPU busy.
    const percent = ((cpu.cpu_usage.total_usage - pre.cpu_usage.total_usage) / (cpu.system_cpu_usage! - pre.system_cpu_usage!)) * cpu.online_cpus! * 100;
    assert.ok(percent > 50 && percent < 110, `CPU ${percent}%`);

    const streamed = await samples({ stream: true }, 2);
    assert.equal(streamed[1]!.preread, streamed[0]!.read);
    await daemon.client.removeContainer(id, { force: true });
    const [idle] = await samples({ stream: false }, 1, 'idle');
    assert.deepEqual([idle!.name, idle!.read, idle!.memory_stats], ['/idle', '0001-01-01T00:00:00Z', {}]);
  });

  it('pause freezes the processes and unpause resumes them; a paused container still stops', async () => {
    const id = await run('ticker', ['sh', '-c', 'while :; do :; done']);
    // The CPU time the spinning shell has used.
    const counter = async (): Promise<number> => Number(await cgroup('cpuacct', id, 'cpuacct.usage'));
    await sleep(100);
    await daemon.client.pauseContainer('ticker');
    const inspect = await daemon.client.inspectContainer('ticker');
    assert.deepEqual([inspect.State.Status, inspect.State.Paused, inspect.State.Running], ['paused', true, true]);
    assert.match((await daemon.client.listContainers())[0]!.Status, /^Up .* \(Paused\)$/);
    assert.equal((await cgroup('freezer', id, 'freezer.state')).trim(), 'FROZEN');
    const frozen = await counter();
    await sleep(300);
    assert.equal(await counter(), frozen);
    await assert.rejects(daemon.client.pauseContainer('ticker'), { message: `Container ${id} is already paused` });
    await daemon.client.unpauseContainer('ticker');
    await sleep(300);
    assert.ok((await counter()) > frozen);
    await assert.rejects(daemon.client.unpauseContainer('ticker'), { message: `Container ${id} is not paused` });
    await assert.rejects(daemon.client.pauseContainer('idle'), { message: /^Container [0-9a-f]{64} is not running$/ });
    await daemon.client.pauseContainer('ticker');
    await daemon.client.stopContainer('ticker', { timeout: 1 });
    const stopped = await daemon.client.inspectContainer('ticker');
    assert.deepEqual([stopped.State.Status, stopped.State.ExitCode], ['exited', 137]);
    await daemon.client.removeContainer(id);
  });

  it('rename changes the name, with moby errors for conflicts and bad names', async () => {
    const { Id: id } = await daemon.client.createContainer({ Image: 'bb' }, { name: 'before' });
    await daemon.client.renameContainer('before', 'after');
    assert.equal((await daemon.client.inspectContainer(id)).Name, '/after');
    await assert.rejects(daemon.client.inspectContainer('before'), { message: 'No such container: before' });
    const idle = (await daemon.client.inspectContainer('idle')).Id;
    await assert.rejects(daemon.client.renameContainer('after', 'idle'), {
      message: `Error when allocating new name: Conflict. The container name "/idle" is already in use by container "${idle}". You have to remove (or rename) that container to be able to reuse that name.`,
    });
    await assert.rejects(daemon.client.renameContainer('after', 'a b'), {
      message: 'Error when allocating new name: Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed',
    });
    await assert.rejects(daemon.client.renameContainer('after', 'after'), { message: 'Renaming a container with the same name as its current name' });
    await daemon.client.removeContainer(id);
  });

  it('update stores new limits and applies them to the running container', async () => {
    const id = await run('limited', ['sleep', '1000'], { Memory: 64 * 1024 * 1024 });
    assert.deepEqual(await daemon.client.updateContainer('limited', { Memory: 96 * 1024 * 1024, PidsLimit: 20, CpuShares: 512, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } }), { Warnings: [] });
    assert.equal((await cgroup('memory', id, 'memory.limit_in_bytes')).trim(), String(96 * 1024 * 1024));
    assert.equal((await cgroup('pids', id, 'pids.max')).trim(), '20');
    assert.equal((await cgroup('cpu', id, 'cpu.shares')).trim(), '512');
    const host = (await daemon.client.inspectContainer(id)).HostConfig;
    assert.deepEqual([host.Memory, host.PidsLimit, host.CpuShares, host.RestartPolicy], [96 * 1024 * 1024, 20, 512, { Name: 'on-failure', MaximumRetryCount: 2 }]);
    await assert.rejects(daemon.client.updateContainer('limited', { Memory: 512 * 1024 * 1024 }), {
      message: `Cannot update container ${id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time`,
    });
    await assert.rejects(daemon.client.updateContainer('limited', { BlkioWeight: 5 }), { message: 'Range of blkio weight is from 10 to 1000' });
    await daemon.client.removeContainer(id, { force: true });
  });

  it('/events streams container events in order, and replays the kept ones with since', async () => {
    const seen: Array<{ e: EventMessage; nanos: bigint }> = [];
    const stop = new AbortController();
    const start = `${Math.floor(Date.now() / 1000)}`;
    const listening = daemon.client.events({ filters: { type: ['container'], container: ['evented'] } }, (e, nanos) => seen.push({ e, nanos }), stop.signal);
    await sleep(100);
    const id = await run('evented', ['sh', '-c', 'exit 3'], { Labels: undefined });
    await (await daemon.client.waitContainer(id)).exitCode;
    await sleep(200);
    await daemon.client.removeContainer(id);
    await sleep(100);
    stop.abort();
    await listening;
    const actions = seen.map(({ e }) => e.Action);
    assert.deepEqual(actions, ['create', 'start', 'die', 'destroy']);
    const validate = dockerDefinition('EventMessage');
    for (const { e } of seen) assert.ok(validate(e), JSON.stringify(validate.errors));
    const die = seen[2]!.e;
    assert.deepEqual([die.Type, die.Actor.ID, die.scope, die.status, die.id, die.from], ['container', id, 'local', 'die', id, 'bb']);
    assert.equal(die.Actor.Attributes.exitCode, '3');
    assert.equal(die.Actor.Attributes.name, 'evented');
    assert.ok(seen.every(({ nanos }, i) => i === 0 || nanos > seen[i - 1]!.nanos));
    // Replayed, up to `until` (now), then the stream ends by itself.
    const replayed: string[] = [];
    await daemon.client.events({ since: start, until: `${Math.ceil(Date.now() / 1000) + 1}`, filters: { container: [id] } }, (e) => replayed.push(e.Action));
    assert.deepEqual(replayed, actions);
  });
});
