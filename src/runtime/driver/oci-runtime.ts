// One OCI runtime command line (crun through its wrapper, or runc), with
// cais's own state root (--root), so cais's containers never mix with
// those of other tools using the same runtime.
import { execFile } from 'node:child_process';
import { Conflict, Internal, NotFound, Unavailable } from '../../common/index.js';

export type RuntimeName = 'crun' | 'runc';
export const runtimeNames: readonly RuntimeName[] = ['crun', 'runc'];

/** What `runtime state <id>` reports (OCI runtime spec, "State"). */
export interface RuntimeState {
  status: 'creating' | 'created' | 'running' | 'stopped' | 'paused';
  pid: number;
  bundle: string;
}

const maxOutput = 1024 * 1024;
const timeoutMs = 30_000;

export class OciRuntime {
  constructor(
    readonly name: RuntimeName,
    /** What conmon and the driver execute: crun's wrapper or runc itself. */
    readonly executable: string,
    readonly root: string,
  ) {}

  /** Global arguments, placed before the command. */
  get globalArgs(): string[] {
    return ['--root', this.root];
  }

  async start(id: string): Promise<void> {
    await this.run(['start', id]);
  }

  async kill(id: string, signal: string, all = false): Promise<void> {
    await this.run(['kill', ...(all ? ['--all'] : []), id, signal]);
  }

  /** Freezes (pause) or thaws (resume) every process of the container: the cgroup freezer. */
  async freeze(id: string, frozen: boolean): Promise<void> {
    await this.run([frozen ? 'pause' : 'resume', id]);
  }

  /** Applies new cgroup limits to a running container: `resources` is a file holding OCI LinuxResources JSON. */
  async update(id: string, resources: string): Promise<void> {
    await this.run(['update', '--resources', resources, id]);
  }

  async delete(id: string, force: boolean): Promise<void> {
    await this.run(['delete', ...(force ? ['--force'] : []), id]);
  }

  async state(id: string): Promise<RuntimeState> {
    const out = await this.run(['state', id]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(out);
    } catch (err) {
      throw new Internal(`${this.name} state ${id}: unreadable output`, { cause: err });
    }
    const { status, pid, bundle } = (parsed ?? {}) as Record<string, unknown>;
    if (typeof status !== 'string' || typeof pid !== 'number' || typeof bundle !== 'string') {
      throw new Internal(`${this.name} state ${id}: unexpected output ${out.slice(0, 200)}`);
    }
    return { status: status as RuntimeState['status'], pid, bundle };
  }

  /** Runs one command; its stderr becomes the error's message. */
  run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.executable,
        [...this.globalArgs, ...args],
        { maxBuffer: maxOutput, timeout: timeoutMs, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (err === null) return resolve(stdout);
          reject(runtimeError(this.name, args, err, stderr));
        },
      );
    });
  }
}

// crun says "error opening file `.../status`: No such file or directory"
// for an unknown container, runc "container does not exist".
function runtimeError(name: string, args: string[], err: Error & { code?: string | number | null }, stderr: string): Error {
  if (err.code === 'ENOENT' || err.code === 'EACCES') {
    return new Unavailable(`${name}: cannot run: ${err.message}`, { cause: err });
  }
  const detail = stderr.trim().split('\n').filter(Boolean).at(-1) ?? err.message;
  const message = `${name} ${args[0]}: ${detail}`;
  if (/does not exist|No such file or directory/.test(detail)) return new NotFound(message, { cause: err });
  if (/running|not stopped|cannot delete|is not in .* state/i.test(detail)) return new Conflict(message, { cause: err });
  return new Internal(message, { cause: err });
}
