// A running container's cgroup v1 files, read as containerd's cgroups v1
// Stat reads them and turned into moby's stats shape (daemon/stats_unix.go
// statsV1), plus the host's CPU time as moby's collector computes it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlkioStatEntry, ContainerCpuStats, ContainerStatsResponse } from '../../spec/index.js';

export const cgroupRoot = '/sys/fs/cgroup';

type Sample = Pick<ContainerStatsResponse, 'pids_stats' | 'blkio_stats' | 'cpu_stats' | 'memory_stats'>;

// The memory.stat keys moby passes on (with their total_ forms).
const memoryKeys = [
  'cache', 'rss', 'rss_huge', 'mapped_file', 'dirty', 'writeback', 'pgpgin', 'pgpgout', 'pgfault', 'pgmajfault',
  'inactive_anon', 'active_anon', 'inactive_file', 'active_file', 'unevictable',
];
const nsPerTick = 1e9 / 100; // USER_HZ is 100 on Linux

/** "key value" lines (memory.stat, cpu.stat, cpuacct.stat). */
export function parseFlatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && /^\d+$/.test(value)) out.set(key, Number(value));
  }
  return out;
}

/** blkio "major:minor Op value" lines; the "Total" line is left out. */
export function parseBlkio(text: string): BlkioStatEntry[] {
  const out: BlkioStatEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):(\d+) (\S+) (\d+)$/.exec(line.trim());
    if (m) out.push({ major: Number(m[1]), minor: Number(m[2]), op: m[3]!, value: Number(m[4]) });
  }
  return out;
}

/** moby's getSystemCPUUsage: the host's CPU time (ns, the first seven fields of /proc/stat's cpu line) and its CPU count. */
export function parseProcStat(text: string): { systemUsage: number; onlineCpus: number } {
  let systemUsage = 0;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    const fields = line.split(/\s+/);
    if (fields[0] === 'cpu') systemUsage = fields.slice(1, 8).reduce((sum, v) => sum + Number(v), 0) * nsPerTick;
    else if (/^cpu\d+$/.test(fields[0] ?? '')) onlineCpus++;
  }
  return { systemUsage, onlineCpus };
}

export async function hostCpu(): Promise<{ systemUsage: number; onlineCpus: number }> {
  return parseProcStat(await readFile('/proc/stat', 'utf8'));
}

/** The pids in a container's cgroup. */
export async function cgroupPids(cgroupsPath: string): Promise<number[]> {
  const text = await readFile(join(cgroupRoot, 'pids', cgroupsPath, 'cgroup.procs'), 'utf8');
  return text.split('\n').filter(Boolean).map(Number);
}

/** One sample of a container's cgroup; `machineMemory` caps an unlimited memory limit as moby does. */
export async function readCgroupStats(cgroupsPath: string, machineMemory: number): Promise<Sample> {
  const read = (controller: string, file: string): Promise<string> => readFile(join(cgroupRoot, controller, cgroupsPath, file), 'utf8').catch(() => '');
  const num = async (controller: string, file: string): Promise<number | undefined> => {
    const text = (await read(controller, file)).trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  };
  const [usage, maxUsage, failcnt, limit, memoryStat, cpuUsage, percpu, cpuacctStat, cpuStat, pidsCurrent, pidsMax, blkio] = await Promise.all([
    num('memory', 'memory.usage_in_bytes'),
    num('memory', 'memory.max_usage_in_bytes'),
    num('memory', 'memory.failcnt'),
    num('memory', 'memory.limit_in_bytes'),
    read('memory', 'memory.stat').then(parseFlatKeyed),
    num('cpuacct', 'cpuacct.usage'),
    read('cpuacct', 'cpuacct.usage_percpu'),
    read('cpuacct', 'cpuacct.stat').then(parseFlatKeyed),
    read('cpu', 'cpu.stat').then(parseFlatKeyed),
    num('pids', 'pids.current'),
    num('pids', 'pids.max'),
    blkioStats(read),
  ]);
  const stats: Record<string, number> = {};
  for (const key of memoryKeys) {
    stats[key] = memoryStat.get(key) ?? 0;
  }
  stats.hierarchical_memory_limit = memoryStat.get('hierarchical_memory_limit') ?? 0;
  stats.hierarchical_memsw_limit = memoryStat.get('hierarchical_memsw_limit') ?? 0;
  for (const key of memoryKeys) stats[`total_${key}`] = memoryStat.get(`total_${key}`) ?? 0;
  const percpuUsage = percpu.trim().split(/\s+/).filter(Boolean).map(Number);
  const cpu: ContainerCpuStats = {
    cpu_usage: {
      total_usage: cpuUsage ?? 0,
      ...(percpuUsage.length > 0 ? { percpu_usage: percpuUsage } : {}),
      usage_in_kernelmode: (cpuacctStat.get('system') ?? 0) * nsPerTick,
      usage_in_usermode: (cpuacctStat.get('user') ?? 0) * nsPerTick,
    },
    throttling_data: {
      periods: cpuStat.get('nr_periods') ?? 0,
      throttled_periods: cpuStat.get('nr_throttled') ?? 0,
      throttled_time: cpuStat.get('throttled_time') ?? 0,
    },
  };
  return {
    pids_stats: { ...(pidsCurrent ? { current: pidsCurrent } : {}), ...(pidsMax ? { limit: pidsMax } : {}) },
    blkio_stats: blkio,
    cpu_stats: cpu,
    memory_stats: {
      ...(usage ? { usage } : {}),
      ...(maxUsage ? { max_usage: maxUsage } : {}),
      stats,
      ...(failcnt ? { failcnt } : {}),
      ...(limit ? { limit: Math.min(limit, machineMemory) } : {}),
    },
  };
}

// CFQ's files when the kernel has them, else the throttle policy's (as containerd falls back).
async function blkioStats(read: (controller: string, file: string) => Promise<string>): Promise<ContainerStatsResponse['blkio_stats']> {
  const cfq = await read('blkio', 'blkio.io_serviced_recursive');
  const entries = async (file: string): Promise<BlkioStatEntry[]> => parseBlkio(await read('blkio', file));
  if (cfq !== '') {
    const [bytes, serviced, queued, serviceTime, waitTime, merged, time, sectors] = await Promise.all(
      ['io_service_bytes_recursive', 'io_serviced_recursive', 'io_queued_recursive', 'io_service_time_recursive', 'io_wait_time_recursive', 'io_merged_recursive', 'time_recursive', 'sectors_recursive'].map((f) => entries(`blkio.${f}`)),
    );
    return {
      io_service_bytes_recursive: bytes!,
      io_serviced_recursive: serviced!,
      io_queue_recursive: queued!,
      io_service_time_recursive: serviceTime!,
      io_wait_time_recursive: waitTime!,
      io_merged_recursive: merged!,
      io_time_recursive: time!,
      sectors_recursive: sectors!,
    };
  }
  const [bytes, serviced] = await Promise.all([entries('blkio.throttle.io_service_bytes_recursive'), entries('blkio.throttle.io_serviced_recursive')]);
  return {
    io_service_bytes_recursive: bytes,
    io_serviced_recursive: serviced,
    io_queue_recursive: [],
    io_service_time_recursive: [],
    io_wait_time_recursive: [],
    io_merged_recursive: [],
    io_time_recursive: [],
    sectors_recursive: [],
  };
}
