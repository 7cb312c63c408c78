// Exec instances (docker exec), kept in memory as moby keeps them: create
// records the command, start runs it in the running container through the
// runtime driver (its own conmon), inspect reports it. The process is the
// container's own (the bundle's config.json: capabilities, rlimits,
// no-new-privileges) with the exec's command, environment, user, working
// directory and terminal, as moby's ContainerExecStart builds it. A
// container's execs go when it stops; a finished exec stays inspectable
// until the second sweep after it (5 to 10 minutes, moby's execCommandGC).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { Conflict, Internal, NotFound, errorMessage, log, randomId } from '../../common/index.js';
import { containerCapabilities, containerEnv, replaceOrAppendEnv, type ExecSession, type OciProcess, type OciRuntimeConfig } from '../../runtime/index.js';
import type { ExecCreateRequest, ExecInspectResponse } from '../../spec/index.js';
import { forwardOutput } from './attach.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';
import type { RunnerOptions } from './runner.js';
import { startFailureExitCode } from './start-error.js';
import { resolveUser } from '../../storage/index.js';

export interface ExecStartOptions {
  /** Run without streams: start returns once the process runs. */
  detach: boolean;
  /** [height, width]; the one given at create when null. */
  consoleSize: [number, number] | null;
}

export interface ExecStreams {
  tty: boolean;
  /** OutputChunk objects; ends once the process exited and its exit code is recorded. */
  output: Readable;
  /** To the process's stdin (ending it closes that), when the exec was created with AttachStdin. */
  stdin: Writable | undefined;
  /** Detaches (the process runs on). */
  close(): void;
}

interface ExecInstance {
  readonly id: string;
  readonly containerId: string;
  readonly request: ExecCreateRequest;
  /** The container's environment with the exec's, the user and directory defaulted to the container's. */
  readonly env: string[];
  readonly user: string;
  readonly workingDir: string;
  running: boolean;
  exitCode: number | null;
  pid: number;
  canRemove: boolean;
  /** Settles when start has run the process (undefined when it could not). */
  readonly session: Promise<ExecSession | undefined>;
  started(session: ExecSession | undefined): void;
}

const sweepIntervalMs = 5 * 60_000;
const resizeWaitMs = 10_000;
// conmon went away without reporting an exit: the code is unknown, as moby records 255 for a lost container.
const unknownExitCode = 255;

export class ExecManager {
  private readonly execs = new Map<string, ExecInstance>();
  private readonly watched = new Set<string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly ctx: ContainerContext,
    private readonly run: Pick<RunnerOptions, 'driver' | 'hostFacts'>,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs).unref();
  }

  create(ref: string, req: ExecCreateRequest): string {
    const c = this.activeContainer(ref);
    const { Config: config, HostConfig: host } = c.settings;
    const user = req.User || (config.User ?? '');
    // Checked now for an early error; start resolves it again (the files may change).
    if (req.User !== '') resolveUser(this.ctx.layout.merged(c.id), user, host.GroupAdd ?? []);
    let started!: (session: ExecSession | undefined) => void;
    const session = new Promise<ExecSession | undefined>((resolve) => (started = resolve));
    const e: ExecInstance = {
      id: randomId(),
      containerId: c.id,
      request: req,
      env: replaceOrAppendEnv(containerEnv(config.Env ?? [], config.Hostname, req.Tty), req.Env),
      user,
      workingDir: req.WorkingDir || config.WorkingDir,
      running: false,
      exitCode: null,
      pid: 0,
      canRemove: false,
      session,
      started,
    };
    this.execs.set(e.id, e);
    this.watchContainer(c.id);
    return e.id;
  }

  /** Runs the exec's process; without `detach`, its streams. */
  async start(id: string, opts: ExecStartOptions): Promise<ExecStreams | undefined> {
    const e = this.lookup(id);
    const c = this.activeContainer(e.containerId);
    if (e.exitCode !== null) throw new Conflict(`exec command ${e.id} has already run`);
    if (e.running) throw new Conflict(`exec command ${e.id} is already running`);
    e.running = true;
    const withStdin = e.request.AttachStdin && !opts.detach;
    let session: ExecSession;
    try {
      const spec = await this.processSpec(e, c, opts.consoleSize ?? e.request.ConsoleSize);
      session = await this.run.driver.exec(c.id, e.id, spec, { tty: e.request.Tty, stdin: withStdin });
    } catch (err) {
      e.running = false;
      e.exitCode = startFailureExitCode(errorMessage(err)) ?? 126;
      e.started(undefined);
      throw err;
    }
    e.pid = session.pid;
    e.started(session);
    const recorded = session.exitCode
      .catch((err) => {
        log.warn('lost track of an exec', { id: e.id, error: errorMessage(err) });
        return unknownExitCode;
      })
      .then((code) => {
        e.exitCode = code;
        e.running = false;
      });
    const a = session.attachment;
    if (opts.detach) {
      a.close();
      return undefined;
    }
    const output = new PassThrough({ objectMode: true });
    const wanted = (stream: 1 | 2) => (stream === 1 ? e.request.AttachStdout : e.request.AttachStderr);
    forwardOutput(a, output, wanted, () => void recorded.then(() => output.end()));
    return { tty: e.request.Tty, output, stdin: withStdin ? a.stdin : undefined, close: () => a.close() };
  }

  async resize(id: string, height: number, width: number): Promise<void> {
    const e = this.lookup(id);
    this.activeContainer(e.containerId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Internal('timeout waiting for exec session ready')), resizeWaitMs);
    });
    const session = await Promise.race([e.session, timeout]).finally(() => clearTimeout(timer));
    if (session === undefined || e.exitCode !== null) throw new Conflict(`exec ${e.id} is not running`);
    await session.resize(height, width).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENXIO' || err.code === 'ENOENT') throw new Conflict(`exec ${e.id} is not running`);
      throw err;
    });
  }

  inspect(id: string): ExecInspectResponse {
    const e = this.lookup(id);
    const [entrypoint = '', ...args] = e.request.Cmd;
    return {
      ID: e.id,
      Running: e.running,
      ExitCode: e.exitCode,
      ProcessConfig: {
        tty: e.request.Tty,
        entrypoint,
        arguments: args,
        privileged: e.request.Privileged,
        ...(e.user !== '' ? { user: e.user } : {}),
      },
      OpenStdin: e.request.AttachStdin,
      OpenStderr: e.request.AttachStderr,
      OpenStdout: e.request.AttachStdout,
      CanRemove: e.canRemove,
      ContainerID: e.containerId,
      DetachKeys: e.request.DetachKeys,
      Pid: e.pid,
    };
  }

  /** SIGKILLs an exec's process if it still runs (a health probe past its timeout). */
  async kill(id: string): Promise<void> {
    const e = this.lookup(id);
    const session = await e.session;
    if (session === undefined || e.exitCode !== null) return;
    try {
      process.kill(session.pid, 'SIGKILL');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }

  /** The container's execs that have not exited (container inspect's ExecIDs), or null. */
  liveIds(containerId: string): string[] | null {
    const ids = [...this.execs.values()].filter((e) => e.containerId === containerId && e.exitCode === null).map((e) => e.id);
    return ids.length > 0 ? ids : null;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private lookup(id: string): ExecInstance {
    const e = this.execs.get(id);
    if (e === undefined) throw new NotFound(`No such exec instance: ${id}`);
    return e;
  }

  /** The container, if an exec may run in it (moby getActiveContainer). */
  private activeContainer(ref: string): ContainerRecord {
    const c = this.ctx.store.resolve(ref);
    switch (c.state.status) {
      case 'running':
        return c;
      case 'paused':
        throw new Conflict(`Container ${ref} is paused, unpause the container before exec`);
      case 'restarting':
        throw new Conflict(`Container ${c.id} is restarting, wait until the container is running`);
      default:
        throw new Conflict(`container ${c.id} is not running`);
    }
  }

  private async processSpec(e: ExecInstance, c: ContainerRecord, consoleSize: [number, number] | null): Promise<OciProcess> {
    const config = JSON.parse(await readFile(join(this.ctx.layout.bundle(c.id), 'config.json'), 'utf8')) as OciRuntimeConfig;
    const base = { ...config.process };
    delete base.terminal;
    delete base.consoleSize;
    const user = resolveUser(this.ctx.layout.merged(c.id), e.user, c.settings.HostConfig.GroupAdd ?? []);
    const process: OciProcess = {
      ...base,
      args: [...e.request.Cmd],
      env: e.env,
      cwd: e.workingDir || '/',
      user: { uid: user.uid, gid: user.gid, additionalGids: [user.gid, ...user.additionalGids] },
    };
    if (e.request.Privileged) {
      const caps = containerCapabilities({ privileged: true }, this.run.hostFacts.capabilities);
      process.capabilities = { bounding: caps, effective: [...caps], permitted: [...caps] };
    }
    if (e.request.Tty) {
      process.terminal = true;
      const [height = 0, width = 0] = consoleSize ?? [];
      if (height > 0 && width > 0) process.consoleSize = { height, width };
    }
    return process;
  }

  /** When the container stops, its execs go (moby's Cleanup unregisters them). */
  private watchContainer(id: string): void {
    if (this.watched.has(id)) return;
    this.watched.add(id);
    this.ctx.runner.events.once(`exit:${id}`, () => {
      this.watched.delete(id);
      for (const e of this.execs.values()) if (e.containerId === id) this.execs.delete(e.id);
    });
  }

  private sweep(): void {
    for (const e of this.execs.values()) {
      if (e.canRemove) this.execs.delete(e.id);
      else if (e.exitCode !== null) e.canRemove = true;
    }
  }
}
