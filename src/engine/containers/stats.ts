// GET /containers/{id}/stats (moby daemon/stats.go): samples of a running
// container's cgroup, one a second while streaming. Nothing is sampled
// unless someone asks: each request reads the files itself.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerCpuStats, ContainerStatsResponse } from '../../spec/index.js';
import { hostCpu, readCgroupStats } from './cgroup-v1.js';
import type { ContainerRecord } from './container-store.js';
import type { ContainerContext } from './context.js';

export interface StatsOptions {
  /** One sample a second until the client goes; else one sample. */
  stream: boolean;
  /** Without `stream`: answer at once, without the previous sample moby waits a second for. */
  oneShot: boolean;
  signal: AbortSignal;
}

const intervalMs = 1000;
const zeroTime = '0001-01-01T00:00:00Z';

/** Go's RFC3339Nano in UTC: the fraction without trailing zeros. */
function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

function emptyCpu(): ContainerCpuStats {
  return {
    cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

/** What moby answers for a container that does not run: its name and id, the rest zero. */
function emptyStats(c: ContainerRecord): ContainerStatsResponse {
  return {
    name: c.name,
    id: c.id,
    read: zeroTime,
    preread: zeroTime,
    pids_stats: {},
    blkio_stats: {
      io_service_bytes_recursive: null,
      io_serviced_recursive: null,
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: emptyCpu(),
    precpu_stats: emptyCpu(),
    memory_stats: {},
  };
}

/** The samples of a container; an unknown container fails here, before any sample is due. */
export function containerStats(ctx: ContainerContext, ref: string, opts: StatsOptions): AsyncGenerator<ContainerStatsResponse> {
  return samples(ctx, ctx.store.resolve(ref), opts);
}

async function* samples(ctx: ContainerContext, c: ContainerRecord, opts: StatsOptions): AsyncGenerator<ContainerStatsResponse> {
  const cgroupsPath = ctx.runner.cgroupsPath(c.id);
  const running = (): boolean => {
    const status = ctx.store.get(c.id)?.state.status;
    return status === 'running' || status === 'paused';
  };
  if (!opts.stream && !running()) {
    yield emptyStats(c);
    return;
  }
  let previous = { read: zeroTime, cpu: emptyCpu() };
  // Without one-shot, a single answer carries a previous sample a second older, so that CPU % means something.
  let skip = !opts.stream && !opts.oneShot;
  for (;;) {
    if (running()) {
      const now = Date.now();
      const [sample, host] = await Promise.all([readCgroupStats(cgroupsPath, os.totalmem()), hostCpu()]);
      const cpu = { ...sample.cpu_stats, system_cpu_usage: host.systemUsage, online_cpus: host.onlineCpus };
      const current = { read: goTime(now), cpu };
      if (!skip) {
        yield { name: c.name, id: c.id, read: current.read, preread: previous.read, pids_stats: sample.pids_stats, blkio_stats: sample.blkio_stats, num_procs: 0, storage_stats: {}, cpu_stats: cpu, precpu_stats: previous.cpu, memory_stats: sample.memory_stats };
        if (!opts.stream) return;
      }
      skip = false;
      previous = current;
    }
    try {
      await sleep(intervalMs, undefined, { signal: opts.signal });
    } catch {
      return; // the client went
    }
  }
}
