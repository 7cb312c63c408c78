// Health checks as moby runs them (daemon/health.go): while a container
// with a healthcheck runs, its test runs as an exec every interval (the
// start interval while it is starting within its start period), killed
// after the timeout. Each result goes to the container's Health (the last
// five, output capped at 4 KiB); a success makes it healthy, `retries`
// failures in a row unhealthy, failures within the start period don't count
// before the first success. A change of status is a `health_status: <status>`
// event. Health is written to the store with every result (moby keeps it in
// memory between checkpoints; one small UPDATE per probe costs little) so
// inspect shows the last results of a stopped container and after a daemon
// restart; each start, and each recovery, begins at `starting` again with
// the log kept, as moby's initHealthMonitor.
import { errorMessage, log } from '../../common/index.js';
import type { DockerContainerConfig, Health, HealthcheckResult, HealthConfig, HealthStatus } from '../../spec/index.js';
import type { OutputChunk } from './attach.js';
import type { ContainerContext } from './context.js';
import { containerEvent } from './events.js';
import type { ExecManager } from './exec.js';

const maxOutputLen = 4096;
const maxLogEntries = 5;

export interface HealthTiming {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  startIntervalMs: number;
  retries: number;
}

/** The configured durations (ns), zero meaning moby's defaults. */
export function healthTiming(h: HealthConfig): HealthTiming {
  const ms = (ns: number | undefined, fallback: number) => (ns ? ns / 1e6 : fallback);
  return {
    intervalMs: ms(h.Interval, 30_000),
    timeoutMs: ms(h.Timeout, 30_000),
    startPeriodMs: ms(h.StartPeriod, 0),
    startIntervalMs: ms(h.StartInterval, 5_000),
    retries: h.Retries && h.Retries > 0 ? h.Retries : 3,
  };
}

/** The probe's command; undefined without a healthcheck, with NONE or a test type moby does not know. */
export function probeCommand(config: DockerContainerConfig): string[] | undefined {
  const [kind, ...args] = config.Healthcheck?.Test ?? [];
  if (args.length === 0) return undefined;
  if (kind === 'CMD') return args;
  if (kind === 'CMD-SHELL') return [...(config.Shell && config.Shell.length > 0 ? config.Shell : ['/bin/sh', '-c']), ...args];
  return undefined;
}

/** The wait before the next probe (moby's getInterval): the start interval while starting in the start period, never past its end. */
export function probeDelay(t: HealthTiming, sinceStartMs: number, status: HealthStatus): number {
  if (sinceStartMs >= t.startPeriodMs) return t.intervalMs;
  const remaining = t.startPeriodMs - sinceStartMs;
  if (remaining < t.intervalMs) return remaining;
  return status === 'starting' ? t.startIntervalMs : t.intervalMs;
}

/** The Health after a result (moby's handleProbeResult). */
export function nextHealth(h: Health, result: HealthcheckResult, t: HealthTiming, startedAt: number): Health {
  const Log = [...h.Log, result].slice(-maxLogEntries);
  if (result.ExitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log };
  const inStartPeriod = h.Status === 'starting' && Date.parse(result.Start) - startedAt < t.startPeriodMs;
  if (inStartPeriod) return { ...h, Log };
  const FailingStreak = h.FailingStreak + 1;
  return { Status: FailingStreak >= t.retries ? 'unhealthy' : h.Status, FailingStreak, Log };
}

/** Go's time.Duration String, for the timeout message. */
export function goDuration(ms: number): string {
  const num = (n: number) => String(Number(n.toFixed(9)));
  if (ms === 0) return '0s';
  if (ms < 1) return ms < 1e-3 ? `${num(ms * 1e6)}ns` : `${num(ms * 1e3)}µs`;
  if (ms < 1000) return `${num(ms)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${num(s)}s`;
}

/** The output as moby keeps it: the first 4096 bytes, "..." when there was more. */
class LimitedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  write(data: Buffer): void {
    const keep = Math.min(maxOutputLen - this.size, data.length);
    if (keep > 0) {
      this.chunks.push(data.subarray(0, keep));
      this.size += keep;
    }
    if (keep < data.length) this.truncated = true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString() + (this.truncated ? '...' : '');
  }
}

export class HealthMonitor {
  /** Stops each monitored container's probe loop. */
  private readonly monitors = new Map<string, () => void>();

  constructor(
    private readonly ctx: ContainerContext,
    private readonly execs: ExecManager,
  ) {
    ctx.runner.events.on('running', (id: string) => {
      try {
        this.begin(id);
      } catch (err) {
        log.warn('health monitor did not start', { id, error: errorMessage(err) });
      }
    });
  }

  close(): void {
    for (const stop of [...this.monitors.values()]) stop();
  }

  private begin(id: string): void {
    const c = this.ctx.store.get(id);
    const command = c && probeCommand(c.settings.Config);
    if (c === undefined || command === undefined) return;
    this.monitors.get(id)?.();
    const timing = healthTiming(c.settings.Config.Healthcheck!);
    this.ctx.store.saveHealth(id, { Status: 'starting', FailingStreak: 0, Log: c.health?.Log ?? [] });
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      this.ctx.runner.events.off(`exit:${id}`, stop);
      if (this.monitors.get(id) === stop) this.monitors.delete(id);
    };
    const schedule = () => {
      const current = this.ctx.store.get(id);
      const since = Date.now() - (current?.state.startedAt ?? Date.now());
      timer = setTimeout(() => void tick(), probeDelay(timing, since, current?.health?.Status ?? 'starting'));
      timer.unref();
    };
    const tick = async () => {
      const current = this.ctx.store.get(id);
      if (stopped || current === undefined) return;
      // A paused container is not probed (moby stops the monitor while it is paused).
      if (current.state.status === 'running') {
        const result = await this.probe(id, command, timing.timeoutMs);
        if (stopped) return;
        this.record(id, result, timing);
      }
      schedule();
    };
    this.monitors.set(id, stop);
    this.ctx.runner.events.once(`exit:${id}`, stop);
    schedule();
  }

  /** One run of the test as an exec in the container. */
  private async probe(id: string, command: string[], timeoutMs: number): Promise<HealthcheckResult> {
    const start = new Date().toISOString();
    const result = (ExitCode: number, Output: string): HealthcheckResult => ({ Start: start, End: new Date().toISOString(), ExitCode, Output });
    try {
      const execId = this.execs.create(id, {
        User: '', Privileged: false, Tty: false, ConsoleSize: null, AttachStdin: false, AttachStdout: true, AttachStderr: true,
        DetachKeys: '', Env: [], WorkingDir: '', Cmd: command,
      });
      const streams = await this.execs.start(execId, { detach: false, consoleSize: null });
      const output = new LimitedOutput();
      streams!.output.on('data', (chunk: OutputChunk) => output.write(chunk.data));
      const ended = new Promise<void>((resolve) => streams!.output.once('end', resolve));
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([ended.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
      clearTimeout(timer);
      if (late) {
        await this.execs.kill(execId);
        // Waited for, so that dying probes do not pile up.
        await ended;
        const out = output.text();
        return result(-1, `Health check exceeded timeout (${goDuration(timeoutMs)})${out === '' ? '' : `: ${out}`}`);
      }
      return result(this.execs.inspect(execId).ExitCode ?? -1, output.text());
    } catch (err) {
      log.debug('health check failed to run', { id, error: errorMessage(err) });
      return result(-1, errorMessage(err));
    }
  }

  private record(id: string, result: HealthcheckResult, timing: HealthTiming): void {
    const c = this.ctx.store.get(id);
    if (c?.health == null) return;
    const next = nextHealth(c.health, result, timing, c.state.startedAt ?? 0);
    this.ctx.store.saveHealth(id, next);
    if (next.Status !== c.health.Status) containerEvent(this.ctx, c, `health_status: ${next.Status}`);
  }
}
