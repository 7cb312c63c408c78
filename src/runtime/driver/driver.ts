// The runtime driver: runs, watches and controls containers from prepared
// OCI bundles, one conmon per container and an OCI runtime (crun by
// default, runc per container). All it knows about a container lives in
// files under its state directory, so a restarted daemon picks up the
// containers of the previous one.
//
// Lifecycle:
//   create(id, bundle, { logPath })  conmon starts; the runtime creates the
//                                    container (process waiting to exec)
//   start(id)                        the container's process runs
//   attach(id) / resize(id, h, w)    stdio through conmon's attach socket
//   kill(id, signal) / waitExit(id)  exit code from conmon's exit file
//   pause(id) / resume(id)           cgroup freezer
//   update(id, resources)            new cgroup limits while it runs
//   exec(id, process, opts)          another process in the container
//   delete(id, { force })            runtime state and driver files go
// The caller owns the bundle; conmon adds `attach`, `ctl` and `winsz` to it.
import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlreadyExists, Conflict, FailedPrecondition, InvalidArgument, NotFound } from '../../common/index.js';
import { attachSocket, resizeTerminal, type Attachment } from './attach.js';
import { expectMessage, spawnConmon } from './conmon.js';
import { installCrunWrapper } from './crun-wrapper.js';
import { ExitWatcher, readExitCode } from './exit-watcher.js';
import { findExecutable } from './find-executable.js';
import { OciRuntime, runtimeNames, type RuntimeName, type RuntimeState } from './oci-runtime.js';
import { DriverPaths, type ContainerPaths } from './paths.js';
import { startExec, type ExecOptions, type ExecSession } from './exec.js';
import type { OciResources } from '../spec/index.js';

export interface RuntimeDriverOptions {
  /** The driver's state directory (e.g. <exec-root>/runtime); created if missing. */
  stateDir: string;
  /** Programs, by name on PATH or absolute path. */
  conmon?: string;
  crun?: string;
  runc?: string;
  /** The cgroup v1/v2 mount root, where delete() removes leftover cgroups. */
  cgroupRoot?: string;
}

export interface CreateOptions {
  runtime?: RuntimeName;
  /** The k8s-file log conmon writes (the caller keeps it where it wants). */
  logPath: string;
  /** Bytes after which conmon starts the log over; unlimited when absent. */
  logSizeMax?: number;
  /** Allocate a TTY (the bundle's process.terminal must be true too). */
  terminal?: boolean;
  /** Keep the container's stdin open for attach. */
  stdin?: boolean;
  /** An attach client going away does not close the container's stdin (Docker's !StdinOnce, and any TTY). */
  leaveStdinOpen?: boolean;
  /** Name conmon logs under (defaults to the id). */
  name?: string;
  /** The container's cgroupsPath from config.json, so delete() can sweep it. */
  cgroupsPath?: string;
}

/** What the driver records per container (container.json). */
interface ContainerRecord {
  runtime: RuntimeName;
  bundle: string;
  logPath: string;
  terminal: boolean;
  cgroupsPath?: string;
}

export interface ContainerStatus extends RuntimeState {
  /** Set once the container exited. */
  exitCode?: number;
  oomKilled: boolean;
  conmonPid?: number;
}

const conmonTimeoutMs = 60_000;

export class RuntimeDriver {
  private readonly paths: DriverPaths;
  private readonly conmon: string;
  private readonly programs: Record<RuntimeName, string>;
  private readonly cgroupRoot: string;
  private readonly exits: ExitWatcher;
  private runtimes: Map<RuntimeName, OciRuntime> | undefined;

  constructor(options: RuntimeDriverOptions) {
    this.paths = new DriverPaths(options.stateDir);
    this.conmon = options.conmon ?? 'conmon';
    this.programs = { crun: options.crun ?? 'crun', runc: options.runc ?? 'runc' };
    this.cgroupRoot = options.cgroupRoot ?? '/sys/fs/cgroup';
    this.exits = new ExitWatcher(this.paths.exits);
  }

  /** Creates the state directories and the crun wrapper. Call once before use. */
  async init(): Promise<void> {
    const { paths } = this;
    await Promise.all([paths.containers, paths.exits, paths.sockets].map((d) => mkdir(d, { recursive: true, mode: 0o700 })));
    const runtimes = new Map<RuntimeName, OciRuntime>();
    for (const name of runtimeNames) {
      let program: string;
      try {
        program = findExecutable(this.programs[name]);
      } catch {
        continue; // not installed: containers asking for it fail in runtime()
      }
      let executable = program;
      if (name === 'crun') {
        await installCrunWrapper(paths.crunWrapper, program);
        executable = paths.crunWrapper;
      }
      runtimes.set(name, new OciRuntime(name, executable, paths.runtimeRoot(name)));
    }
    this.runtimes = runtimes;
  }

  /** The runtimes found on this machine. */
  available(): RuntimeName[] {
    return [...(this.runtimes?.keys() ?? [])];
  }

  async create(id: string, bundle: string, options: CreateOptions): Promise<{ pid: number; conmonPid: number }> {
    const runtime = this.runtime(options.runtime ?? 'crun');
    const files = this.paths.container(id);
    try {
      await mkdir(files.dir, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AlreadyExists(`container ${id} already exists`);
      throw err;
    }
    try {
      const record: ContainerRecord = {
        runtime: runtime.name,
        bundle,
        logPath: options.logPath,
        terminal: options.terminal === true,
        ...(options.cgroupsPath !== undefined ? { cgroupsPath: options.cgroupsPath } : {}),
      };
      await writeFile(files.record, JSON.stringify(record));
      await rm(files.exitFile, { force: true });
      const args = [
        '--api-version', '-c', id, '-u', id, '-n', options.name ?? id,
        '-r', runtime.executable, ...runtime.globalArgs.flatMap((a) => ['--runtime-arg', a]),
        '-b', bundle, '-p', files.pidFile, '-P', files.conmonPidFile,
        '--exit-dir', this.paths.exits, '--persist-dir', files.dir,
        '-l', `k8s-file:${options.logPath}`, '--socket-dir-path', this.paths.sockets,
        ...(options.logSizeMax !== undefined ? ['--log-size-max', String(options.logSizeMax)] : []),
        ...(options.terminal ? ['-t'] : []),
        ...(options.stdin ? ['-i'] : []),
        ...(options.stdin && options.leaveStdinOpen ? ['--leave-stdin-open'] : []),
      ];
      const conmon = spawnConmon(this.conmonProgram(), args);
      try {
        const message = await expectMessage(conmon, conmon.sync, 'container pid', conmonTimeoutMs);
        if (message.data < 0) throw new FailedPrecondition(`OCI runtime create failed: ${runtimeError(message.message)}`);
        return { pid: message.data, conmonPid: readPid(files.conmonPidFile) ?? 0 };
      } finally {
        conmon.close();
      }
    } catch (err) {
      await this.cleanUp(id, files, runtime).catch(() => undefined);
      throw err;
    }
  }

  async start(id: string): Promise<void> {
    const { runtime } = await this.load(id);
    await runtime.start(id);
  }

  /** Sends a signal (a name like "SIGTERM" or "TERM", or a number) to the container's process, or to all with `all`. */
  async kill(id: string, signal: string | number = 'SIGTERM', options: { all?: boolean } = {}): Promise<void> {
    const name = String(signal);
    if (!/^(SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/.test(name)) throw new InvalidArgument(`invalid signal: ${name}`);
    const { runtime } = await this.load(id);
    await runtime.kill(id, name, options.all === true);
  }

  /** Freezes every process of the container (cgroup freezer). */
  async pause(id: string): Promise<void> {
    const { runtime } = await this.load(id);
    await runtime.freeze(id, true);
  }

  async resume(id: string): Promise<void> {
    const { runtime } = await this.load(id);
    await runtime.freeze(id, false);
  }

  /** Changes the cgroup limits of a running container (OCI LinuxResources). */
  async update(id: string, resources: OciResources): Promise<void> {
    const { runtime } = await this.load(id);
    // The runtime reads the limits from a file; it lives beside the driver's record and goes at once.
    const file = join(this.paths.container(id).dir, 'resources.json');
    await writeFile(file, JSON.stringify(resources), { mode: 0o600 });
    try {
      await runtime.update(id, file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async state(id: string): Promise<ContainerStatus> {
    const { runtime } = await this.load(id);
    const files = this.paths.container(id);
    const [state, exitCode, oomKilled] = await Promise.all([runtime.state(id), readExitCode(files.exitFile), exists(files.oomFile)]);
    const conmonPid = readPid(files.conmonPidFile);
    return {
      ...state,
      ...(exitCode !== undefined ? { exitCode } : {}),
      oomKilled,
      ...(conmonPid !== undefined ? { conmonPid } : {}),
    };
  }

  /** The exit code conmon recorded, or undefined while the container has not exited. */
  async exitCode(id: string): Promise<number | undefined> {
    return readExitCode(this.paths.container(id).exitFile);
  }

  /** Whether the kernel's OOM killer struck in the container's cgroup. */
  async oomKilled(id: string): Promise<boolean> {
    return exists(this.paths.container(id).oomFile);
  }

  /** Resolves with the exit code once the container exited. */
  async waitExit(id: string, signal?: AbortSignal): Promise<number> {
    const files = this.paths.container(id);
    await this.load(id);
    const conmonPid = readPid(files.conmonPidFile);
    return this.exits.wait(id, () => conmonPid !== undefined && processAlive(conmonPid), signal);
  }

  /** Attaches to the container's stdio (before start() to miss no output). */
  async attach(id: string): Promise<Attachment> {
    const { record } = await this.load(id);
    return attachSocket(join(record.bundle, 'attach'));
  }

  async resize(id: string, height: number, width: number): Promise<void> {
    const { record } = await this.load(id);
    await resizeTerminal(join(record.bundle, 'ctl'), height, width).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENXIO' || err.code === 'ENOENT') throw new FailedPrecondition(`container ${id} is not running`);
      throw err;
    });
  }

  /** Runs another process in the running container, monitored by its own conmon (see exec.ts). */
  async exec(id: string, execId: string, processSpec: unknown, options: ExecOptions = {}): Promise<ExecSession> {
    const { runtime } = await this.load(id);
    return startExec(this.conmonProgram(), runtime, id, this.paths.exec(id, execId), processSpec, options);
  }

  /**
   * Removes the container: with `force` it is killed first if it runs. The
   * runtime's state, the driver's files, the exit file and the container's
   * cgroups (if the runtime left them) go; the bundle and log stay.
   */
  async delete(id: string, options: { force?: boolean } = {}): Promise<void> {
    const { runtime } = await this.load(id);
    const files = this.paths.container(id);
    const state = await runtime.state(id).catch((err) => (err instanceof NotFound ? undefined : Promise.reject(err)));
    const live = state !== undefined && state.status !== 'stopped' && state.status !== 'created';
    if (live && !options.force) throw new Conflict(`container ${id} is ${state.status}: stop it before deleting it, or force the deletion`);
    if (options.force) {
      if (state !== undefined && state.status !== 'stopped') {
        await runtime.kill(id, 'KILL', true).catch(() => undefined);
        // Let conmon record the exit before its files go.
        const conmonPid = readPid(files.conmonPidFile);
        await this.exits
          .wait(id, () => conmonPid !== undefined && processAlive(conmonPid), AbortSignal.timeout(10_000))
          .catch(() => undefined);
      }
    }
    try {
      await runtime.delete(id, options.force === true);
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
    await this.cleanUp(id, files, runtime);
  }

  /** Stops watching for exits (pending waitExit calls are dropped). */
  close(): void {
    this.exits.close();
  }

  private async cleanUp(id: string, files: ContainerPaths, runtime: OciRuntime): Promise<void> {
    const record = await this.readRecord(files).catch(() => undefined);
    const conmonPid = readPid(files.conmonPidFile);
    await waitGone(conmonPid);
    await runtime.delete(id, true).catch(() => undefined);
    if (record?.cgroupsPath !== undefined) await this.removeCgroups(record.cgroupsPath);
    await Promise.all([rm(files.dir, { recursive: true, force: true }), rm(files.exitFile, { force: true }), rm(files.socketLink, { force: true })]);
  }

  // The runtime removes the cgroups it made; this sweeps what a crash left.
  private async removeCgroups(cgroupsPath: string): Promise<void> {
    if (!cgroupsPath.startsWith('/') || cgroupsPath.split('/').includes('..')) return;
    const controllers = await readdir(this.cgroupRoot).catch(() => [] as string[]);
    await Promise.all(controllers.map((c) => rmdir(join(this.cgroupRoot, c, cgroupsPath)).catch(() => undefined)));
  }

  private runtime(name: RuntimeName): OciRuntime {
    if (this.runtimes === undefined) throw new FailedPrecondition('the runtime driver is not initialized');
    const runtime = this.runtimes.get(name);
    if (runtime === undefined) {
      if (!runtimeNames.includes(name)) throw new InvalidArgument(`unknown or invalid runtime name: ${name}`);
      throw new FailedPrecondition(`runtime ${name} is not installed`);
    }
    return runtime;
  }

  private conmonProgram(): string {
    return findExecutable(this.conmon);
  }

  private async load(id: string): Promise<{ record: ContainerRecord; runtime: OciRuntime }> {
    const record = await this.readRecord(this.paths.container(id));
    return { record, runtime: this.runtime(record.runtime) };
  }

  private async readRecord(files: ContainerPaths): Promise<ContainerRecord> {
    let text: string;
    try {
      text = await readFile(files.record, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFound(`no such container: ${files.dir.split('/').at(-1)}`);
      throw err;
    }
    return JSON.parse(text) as ContainerRecord;
  }
}

/**
 * The runtime's complaint, trimmed, with crun's wording for a missing
 * program put as runc's (`exec: "x": executable file not found in $PATH`),
 * which docker clients look for to exit 127.
 */
export function runtimeError(message: string | undefined): string {
  const text = (message ?? 'unknown error').trim();
  const missing = /executable file `(.*)` not found in \$PATH/.exec(text);
  return missing ? `exec: ${JSON.stringify(missing[1])}: executable file not found in $PATH` : text;
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// A zombie (exited, not yet reaped by whoever inherited it) counts as gone.
function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to 5 s) for a monitor to finish exiting, so it does not write into removed files. */
async function waitGone(pid: number | undefined): Promise<void> {
  for (let delay = 1, waited = 0; pid !== undefined && processAlive(pid) && waited < 5000; waited += delay, delay = Math.min(delay * 2, 100)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
