// A container's log (docker logs): the k8s-file conmon writes, filtered by
// stream, time and tail, and when following, read on until the container
// exits.
import { readLogs, type LogEntry } from '../../runtime/index.js';
import type { ContainerContext } from './context.js';

export interface LogsOptions {
  follow?: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Seconds since the epoch (fractions allowed). */
  since?: number;
  until?: number;
  /** Last N lines; undefined for all. */
  tail?: number;
  signal?: AbortSignal;
}

export function containerLogs(ctx: ContainerContext, ref: string, opts: LogsOptions): { tty: boolean; entries: AsyncGenerator<LogEntry> } {
  const c = ctx.store.resolve(ref);
  const running = c.state.status === 'running' || c.state.status === 'paused' || c.state.status === 'restarting';
  const follow = opts.follow === true && running;
  const all = readLogs(ctx.layout.log(c.id), {
    ...(opts.since !== undefined && opts.since > 0 ? { since: opts.since } : {}),
    ...(opts.until !== undefined && opts.until > 0 ? { until: opts.until } : {}),
    ...(opts.tail !== undefined ? { tail: opts.tail } : {}),
    follow,
    ...(follow ? { stop: ctx.runner.nextExit(c.id) } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  async function* filtered(): AsyncGenerator<LogEntry> {
    for await (const entry of all) if (entry.stream === 'stdout' ? opts.stdout : opts.stderr) yield entry;
  }
  return { tty: c.settings.Config.Tty, entries: filtered() };
}
