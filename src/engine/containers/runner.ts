// Running containers: start (mount the root, write the bundle, conmon +
// runtime create, connect waiting attaches, start), the exit that follows
// (recorded, cleaned up, restart policy, auto-remove), stop, kill, pause,
// and recovery of what a previous daemon left running. One operation at a
// time per container; every change of state is written to the store and
// announced on `events` ("running" with the id, on each start and for each
// container adopted at recovery; "exit:<id>", "destroy:<id>") and, for clients, on
// the engine's event bus (start, kill, die, stop, pause, unpause...).
import { EventEmitter } from 'node:events';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname as hostHostname } from 'node:os';
import { join } from 'node:path';
import { Conflict, FailedPrecondition, Internal, NotFound, errorMessage, log } from '../../common/index.js';
import { parseSignal } from '../../spec/docker-validate/index.js';
import { buildRuntimeConfig, serializeRuntimeConfig, type Attachment, type HostFacts, type OciResources, type RuntimeDriver, type RuntimeMount, type RuntimeName } from '../../runtime/index.js';
import { isLive, type ContainerRecord, type ContainerStateRecord } from './container-store.js';
import type { ContainerContext } from './context.js';
import { containerEvent } from './events.js';
import { hostsFile, parseExtraHost, parseResolvConf, resolvConf, type HostsEntry } from './etc-files.js';
import { hostGateway, linkEntries, startNetwork, stopNetwork, type ContainerNetwork } from './networking.js';
import { acquireMounts, releaseMounts } from './mounts.js';
import { unmountIfMounted } from './rootfs.js';
import { runtimeSettings } from './runtime-settings.js';
import { startFailureExitCode } from './start-error.js';

export interface RunnerOptions {
  driver: RuntimeDriver;
  hostFacts: HostFacts;
  /** Parent of every container's cgroup, e.g. /cais. */
  cgroupParent: string;
  initPath: string | undefined;
}

/** Waits for a container to be running, given an Attachment to hand output to. */
export type AttachConnector = (attach: () => Promise<Attachment>) => Promise<void>;

const defaultStopTimeoutS = 10;
// Restart back-off as moby's restartmanager: 100 ms doubling, reset after 10 s of running.
const firstBackoffMs = 100;
const backoffResetMs = 10_000;

export class ContainerRunner {
  readonly events = new EventEmitter();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly pendingAttaches = new Map<string, Set<AttachConnector>>();
  private readonly backoff = new Map<string, number>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly ctx: ContainerContext,
    private readonly opts: RunnerOptions,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Starts a created or exited container; false when it was running already. */
  start(id: string): Promise<boolean> {
    return this.serialize(id, async () => {
      const c = this.ctx.store.resolve(id);
      if (isLive(c.state.status) && c.state.status !== 'restarting') return false;
      this.cancelRestart(id);
      this.ctx.store.saveState(id, { ...c.state, manuallyStopped: false });
      await this.run(c);
      return true;
    });
  }

  /** Sends the stop signal, then SIGKILL after the timeout (seconds; -1 waits forever); false when it was not running. */
  stop(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<boolean> {
    const c = this.ctx.store.resolve(id);
    if (this.restartTimers.has(c.id)) {
      this.cancelRestart(c.id);
      this.ctx.store.saveState(c.id, { ...c.state, status: 'exited', manuallyStopped: true });
      return Promise.resolve(true);
    }
    if (!isLive(c.state.status)) return Promise.resolve(false);
    this.ctx.store.saveState(c.id, { ...c.state, manuallyStopped: true });
    return this.stopRunning(c, opts).then(() => {
      containerEvent(this.ctx, c, 'stop');
      return true;
    });
  }

  /** Sends a signal (default SIGKILL) to a running container. */
  async kill(id: string, signal = 'SIGKILL'): Promise<void> {
    const c = this.ctx.store.resolve(id);
    if (c.state.status !== 'running' && c.state.status !== 'paused') {
      throw new Conflict(`Cannot kill container: ${id}: Container ${c.id} is not running`);
    }
    await this.signal(c, signal);
  }

  /** The container's cgroup, under the daemon's cgroup parent. */
  cgroupsPath(id: string): string {
    return `${this.opts.cgroupParent}/${id}`;
  }

  /** Applies new limits to a running or paused container; a stopped one gets them at its next start. */
  updateResources(id: string, resources: OciResources): Promise<void> {
    return this.serialize(id, async () => {
      const status = this.ctx.store.get(id)?.state.status;
      if (status !== 'running' && status !== 'paused') return;
      try {
        await this.opts.driver.update(id, resources);
      } catch (err) {
        throw new Internal(`Cannot update container ${id}: ${errorMessage(err)}`, { cause: err });
      }
    });
  }

  /** Freezes a running container's processes (docker pause). */
  pause(id: string): Promise<void> {
    return this.freeze(id, true);
  }

  unpause(id: string): Promise<void> {
    return this.freeze(id, false);
  }

  /** Resolves once the container exits (or `removed`: is removed), with its exit code. */
  wait(id: string, condition: 'not-running' | 'next-exit' | 'removed', signal?: AbortSignal): Promise<number> {
    const c = this.ctx.store.resolve(id);
    if (condition === 'not-running' && !isLive(c.state.status)) return Promise.resolve(c.state.exitCode);
    const event = condition === 'removed' ? `destroy:${c.id}` : `exit:${c.id}`;
    return new Promise((resolve, reject) => {
      const onEvent = (code: number) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(code);
      };
      const onAbort = () => {
        this.events.off(event, onEvent);
        reject(signal?.reason);
      };
      this.events.once(event, onEvent);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Hands `connect` the container's stdio: at once when it runs, else when
   * it next starts (docker run attaches before it starts the container).
   * The returned function withdraws a connector not yet used.
   */
  async attach(id: string, connect: AttachConnector): Promise<() => void> {
    const c = this.ctx.store.resolve(id);
    if (c.state.status === 'running' || c.state.status === 'paused') {
      await connect(() => this.opts.driver.attach(c.id));
      return () => undefined;
    }
    let set = this.pendingAttaches.get(c.id);
    if (set === undefined) this.pendingAttaches.set(c.id, (set = new Set()));
    set.add(connect);
    return () => {
      set.delete(connect);
      if (set.size === 0 && this.pendingAttaches.get(c.id) === set) this.pendingAttaches.delete(c.id);
    };
  }

  async resize(id: string, height: number, width: number): Promise<void> {
    const c = this.ctx.store.resolve(id);
    if (c.state.status !== 'running' && c.state.status !== 'paused') throw new Conflict(`Container ${c.id} is not running`);
    await this.opts.driver.resize(c.id, height, width);
  }

  /** The exit of a running container, for `logs --follow` to end with. */
  nextExit(id: string): Promise<unknown> {
    return new Promise((resolve) => this.events.once(`exit:${id}`, resolve));
  }

  /** Stops a container that is about to be removed (rm -f). */
  async forceStop(c: ContainerRecord): Promise<void> {
    this.cancelRestart(c.id);
    if (!isLive(c.state.status)) return;
    this.ctx.store.saveState(c.id, { ...c.state, manuallyStopped: true });
    await this.stopRunning(c, { signal: 'SIGKILL', timeout: 0 });
  }

  /** Announces a removal (for wait?condition=removed). */
  removed(c: ContainerRecord): void {
    this.pendingAttaches.delete(c.id);
    containerEvent(this.ctx, c, 'destroy');
    this.events.emit(`destroy:${c.id}`, c.state.exitCode);
  }

  /**
   * After a daemon restart: containers still running are watched again,
   * exits that happened meanwhile are recorded, and restart policies apply
   * (`always` containers come back; `unless-stopped` unless a user stopped them).
   */
  async recover(): Promise<void> {
    for (const c of this.ctx.store.all()) {
      const policy = c.settings.HostConfig.RestartPolicy.Name;
      if (!isLive(c.state.status)) {
        const comesBack = policy === 'always' || (policy === 'unless-stopped' && !c.state.manuallyStopped);
        if (comesBack) this.start(c.id).catch((err) => log.warn('restart on daemon start failed', { id: c.id, error: errorMessage(err) }));
        continue;
      }
      const state = await this.opts.driver.state(c.id).catch((err) => (err instanceof NotFound ? undefined : Promise.reject(err)));
      if (state === undefined) {
        // Nothing left of it (the machine rebooted): it stopped with an unknown code, as moby records 255.
        try {
          unmountIfMounted(this.ctx.layout.merged(c.id));
        } catch (err) {
          log.warn('could not unmount the root of a container that is gone', { id: c.id, error: errorMessage(err) });
        }
        stopNetwork(this.ctx, c);
        this.finish(c, 255, false);
        this.afterExit(c.id);
        continue;
      }
      await this.ctx.rootfs.acquire(c);
      for (const m of c.settings.MountPoints) if (m.Type === 'volume') this.ctx.volumes.mount(m.Name, c.id);
      this.watchExit(c.id);
      this.events.emit('running', c.id);
    }
  }

  /** Stops watching (the containers run on, for the next daemon to adopt). */
  close(): void {
    this.closed = true;
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
    this.restartTimers.clear();
    this.opts.driver.close();
  }

  private async run(c: ContainerRecord): Promise<void> {
    const { driver } = this.opts;
    const bundle = this.ctx.layout.bundle(c.id);
    const cgroupsPath = this.cgroupsPath(c.id);
    const rootfs = await this.ctx.rootfs.acquire(c);
    let created = false;
    let volumesTaken = false;
    // Set up while the bundle and mounts are prepared; awaited before anything needs it.
    const network = startNetwork(this.ctx, c);
    network.catch(() => undefined);
    try {
      await rm(bundle, { recursive: true, force: true });
      await mkdir(bundle, { recursive: true, mode: 0o700 });
      const volumeMounts = await acquireMounts(this.ctx, c, rootfs);
      volumesTaken = true;
      const net = await network;
      const mounts: RuntimeMount[] = [...(await this.etcFiles(c, bundle, net)), ...volumeMounts];
      const settings = runtimeSettings(c.settings, { rootfs, cgroupsPath, initPath: this.opts.initPath, mounts, network: net.namespace });
      await writeFile(join(bundle, 'config.json'), serializeRuntimeConfig(buildRuntimeConfig(settings, this.opts.hostFacts)));
      // A leftover from a crash between create and the state update.
      await driver.delete(c.id, { force: true }).catch(() => undefined);
      const { Config: config, HostConfig: host } = c.settings;
      const maxSize = host.LogConfig.Config['max-size'];
      const { pid } = await driver.create(c.id, bundle, {
        runtime: host.Runtime as RuntimeName,
        logPath: this.ctx.layout.log(c.id),
        terminal: config.Tty,
        stdin: config.OpenStdin,
        // As moby: only a non-TTY StdinOnce container has its stdin closed when its attach ends (detaching never closes it).
        leaveStdinOpen: !config.StdinOnce || config.Tty,
        name: c.name.slice(1),
        cgroupsPath,
        ...(maxSize !== undefined ? { logSizeMax: parseSize(maxSize) } : {}),
      });
      created = true;
      const pending = [...(this.pendingAttaches.get(c.id) ?? [])];
      this.pendingAttaches.delete(c.id);
      await Promise.all(pending.map((connect) => connect(() => driver.attach(c.id))));
      await driver.start(c.id);
      this.ctx.store.saveState(c.id, {
        ...c.state,
        status: 'running',
        pid,
        exitCode: 0,
        error: '',
        oomKilled: false,
        startedAt: Date.now(),
        manuallyStopped: false,
      });
      containerEvent(this.ctx, c, 'start');
      this.events.emit('running', c.id);
    } catch (err) {
      if (created) await driver.delete(c.id, { force: true }).catch(() => undefined);
      if (await network.then(() => true, () => false)) stopNetwork(this.ctx, c);
      if (volumesTaken) releaseMounts(this.ctx, c);
      this.ctx.rootfs.release(c.id);
      await rm(bundle, { recursive: true, force: true });
      const message = errorMessage(err);
      const exitCode = startFailureExitCode(message) ?? 128;
      this.ctx.store.saveState(c.id, { ...c.state, error: message, exitCode });
      // As moby: a container to be removed on exit goes when it cannot start too.
      if (c.settings.HostConfig.AutoRemove) this.events.emit('auto-remove', c.id);
      throw err;
    }
    this.watchExit(c.id);
  }

  /** /etc/hostname, /etc/hosts and /etc/resolv.conf, made per run as Docker makes them (shared with the other container for container:<id>). */
  private async etcFiles(c: ContainerRecord, bundle: string, net: ContainerNetwork): Promise<RuntimeMount[]> {
    const { Config: config, HostConfig: host } = c.settings;
    const hostNetwork = net.namespace === 'host';
    await writeFile(join(bundle, 'hostname'), `${hostNetwork ? hostHostname() : config.Hostname}\n`);
    let hosts = join(bundle, 'hosts');
    let resolv = join(bundle, 'resolv.conf');
    if (net.sharedWith !== undefined) {
      const other = this.ctx.layout.bundle(net.sharedWith.id);
      hosts = join(other, 'hosts');
      resolv = join(other, 'resolv.conf');
    } else {
      const hostResolv = parseResolvConf(await readFile('/etc/resolv.conf', 'utf8').catch(() => ''));
      const dns = { dns: host.Dns, dnsSearch: host.DnsSearch, dnsOptions: host.DnsOptions };
      if (hostNetwork) await copyFile('/etc/hosts', hosts);
      else await writeFile(hosts, hostsFile(this.extraHosts(c, net), this.ownHostsEntry(c, net)));
      await writeFile(resolv, resolvConf(hostResolv, dns, this.resolver(net)));
    }
    const files = [['hostname', join(bundle, 'hostname')], ['hosts', hosts], ['resolv.conf', resolv]] as const;
    return files.map(([file, source]) => ({ type: 'bind', source, destination: `/etc/${file}`, readonly: host.ReadonlyRootfs }));
  }

  private extraHosts(c: ContainerRecord, net: ContainerNetwork): HostsEntry[] {
    const gateway = () => hostGateway(this.ctx.networks, net.sandbox);
    const entries = (c.settings.HostConfig.ExtraHosts ?? []).map((h) => parseExtraHost(h, gateway));
    return [...entries, ...linkEntries(this.ctx, c, net.sandbox)];
  }

  /** The container's own line: its first address with its hostname (and FQDN with --domainname). */
  private ownHostsEntry(c: ContainerRecord, net: ContainerNetwork): HostsEntry | undefined {
    const ip = net.sandbox?.endpoints[0]?.ip;
    if (ip === undefined) return undefined;
    const { Hostname: hostname, Domainname: domain } = c.settings.Config;
    return { ip, names: domain ? [`${hostname}.${domain}`, hostname] : [hostname] };
  }

  /** The DNS server of the container's first network that has one (aardvark-dns on its gateway). */
  private resolver(net: ContainerNetwork): string | undefined {
    for (const e of net.sandbox?.endpoints ?? []) {
      const n = this.ctx.networks.network(e.networkId);
      if (n?.dns) return n.gateway;
    }
    return undefined;
  }

  private watchExit(id: string): void {
    this.opts.driver.waitExit(id).then(
      (code) => this.serialize(id, () => this.exited(id, code)),
      (err) => {
        if (this.closed) return;
        log.warn('lost track of a container', { id, error: errorMessage(err) });
        return this.serialize(id, () => this.exited(id, 255));
      },
    ).catch((err) => log.error('recording a container exit failed', { id, error: errorMessage(err) }));
  }

  private async exited(id: string, code: number): Promise<void> {
    if (this.closed) return;
    const c = this.ctx.store.get(id);
    if (c === undefined) return;
    const oomKilled = await this.opts.driver.oomKilled(id).catch(() => false);
    await this.opts.driver.delete(id, { force: true }).catch((err) => log.warn('runtime delete failed', { id, error: errorMessage(err) }));
    stopNetwork(this.ctx, c);
    releaseMounts(this.ctx, c);
    this.ctx.rootfs.release(id);
    await rm(this.ctx.layout.bundle(id), { recursive: true, force: true });
    this.finish(c, code, oomKilled);
    this.afterExit(id);
  }

  private finish(c: ContainerRecord, exitCode: number, oomKilled: boolean): void {
    const state: ContainerStateRecord = { ...c.state, status: 'exited', pid: 0, exitCode, oomKilled, finishedAt: Date.now() };
    this.ctx.store.saveState(c.id, state);
    const ran = state.startedAt === null ? 0 : state.finishedAt! - state.startedAt;
    if (ran >= backoffResetMs) this.backoff.delete(c.id);
    if (oomKilled) containerEvent(this.ctx, c, 'oom');
    containerEvent(this.ctx, c, 'die', { exitCode: String(exitCode), execDuration: String(Math.floor(ran / 1000)) });
    this.events.emit(`exit:${c.id}`, exitCode);
  }

  /** The restart policy, or auto-removal, once an exit is recorded. */
  private afterExit(id: string): void {
    const c = this.ctx.store.get(id);
    if (c === undefined || this.closed) return;
    const { RestartPolicy: policy, AutoRemove: autoRemove } = c.settings.HostConfig;
    const { exitCode, restartCount, manuallyStopped } = c.state;
    const restart =
      !manuallyStopped &&
      (policy.Name === 'always' ||
        policy.Name === 'unless-stopped' ||
        (policy.Name === 'on-failure' && exitCode !== 0 && (policy.MaximumRetryCount <= 0 || restartCount < policy.MaximumRetryCount)));
    if (restart) {
      const delay = this.backoff.get(id) ?? firstBackoffMs;
      this.backoff.set(id, Math.min(delay * 2, 60_000));
      this.ctx.store.saveState(id, { ...c.state, status: 'restarting', restartCount: restartCount + 1 });
      const timer = setTimeout(() => {
        this.restartTimers.delete(id);
        this.serialize(id, async () => {
          const current = this.ctx.store.get(id);
          if (current?.state.status === 'restarting') await this.run(current);
        }).catch((err) => {
          log.warn('restart failed', { id, error: errorMessage(err) });
          const current = this.ctx.store.get(id);
          if (current) this.ctx.store.saveState(id, { ...current.state, status: 'exited' });
        });
      }, delay);
      this.restartTimers.set(id, timer);
      return;
    }
    if (autoRemove) this.events.emit('auto-remove', id);
  }

  private async stopRunning(c: ContainerRecord, opts: { signal?: string; timeout?: number }): Promise<void> {
    const timeout = opts.timeout ?? c.settings.Config.StopTimeout ?? defaultStopTimeoutS;
    const exited = new Promise((resolve) => this.events.once(`exit:${c.id}`, resolve));
    // A frozen process could not handle the stop signal: a paused container is killed.
    const signal = c.state.status === 'paused' ? 'SIGKILL' : opts.signal || c.settings.Config.StopSignal || 'SIGTERM';
    await this.signal(c, signal).catch((err) => log.debug('stop signal failed', { id: c.id, error: errorMessage(err) }));
    if (timeout < 0) {
      await exited;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([exited.then(() => true), new Promise((resolve) => (timer = setTimeout(() => resolve(false), timeout * 1000)))]);
    clearTimeout(timer);
    if (inTime) return;
    await this.signal(c, 'SIGKILL').catch(() => undefined);
    await exited;
  }

  /** Sends a signal (SIGKILL to every process); a paused container is thawed after a SIGKILL, as a frozen process dies only then. */
  private async signal(c: ContainerRecord, signal: string): Promise<void> {
    const number = parseSignal(signal);
    await this.opts.driver.kill(c.id, signal, { all: number === 9 });
    containerEvent(this.ctx, c, 'kill', { signal: String(number) });
    if (number === 9 && this.ctx.store.get(c.id)?.state.status === 'paused') await this.opts.driver.resume(c.id).catch(() => undefined);
  }

  private freeze(ref: string, frozen: boolean): Promise<void> {
    const { id } = this.ctx.store.resolve(ref);
    return this.serialize(id, async () => {
      const c = this.ctx.store.resolve(id);
      const { status } = c.state;
      if (status === 'restarting') throw new Conflict(`Container ${id} is restarting, wait until the container is running`);
      if (status !== 'running' && status !== 'paused') throw new Conflict(`Container ${id} is not running`);
      if (frozen && status === 'paused') throw new Conflict(`Container ${id} is already paused`);
      if (!frozen && status === 'running') throw new Conflict(`Container ${id} is not paused`);
      try {
        await (frozen ? this.opts.driver.pause(id) : this.opts.driver.resume(id));
      } catch (err) {
        throw new Internal(`Cannot ${frozen ? 'pause' : 'unpause'} container ${id}: ${errorMessage(err)}`, { cause: err });
      }
      this.ctx.store.saveState(id, { ...c.state, status: frozen ? 'paused' : 'running' });
      containerEvent(this.ctx, c, frozen ? 'pause' : 'unpause');
    });
  }

  private cancelRestart(id: string): void {
    const timer = this.restartTimers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.restartTimers.delete(id);
  }

  private serialize<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(id) ?? Promise.resolve();
    const result = before.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return result;
  }
}

/** go-units RAMInBytes for --log-opt max-size. */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(text.trim());
  if (m === null) throw new FailedPrecondition(`invalid max-size: ${text}`);
  const power = ' kmgtp'.indexOf((m[2] ?? '').toLowerCase() || ' ');
  return Math.floor(Number(m[1]) * 1024 ** power);
}
