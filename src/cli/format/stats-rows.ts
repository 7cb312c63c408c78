// Container stats as docker's formatter prints them (container/formatter_stats.go),
// from the daemon's samples with docker's calculations (stats_helpers.go).
import type { ContainerStatsResponse } from '../../spec/docker/index.js';
import { type RowMethods, formatterRow } from './formatter.js';
import { formatFloat } from './go-float.js';
import type { GoStruct } from './go-value.js';
import { bytesSize, humanSizeWithPrecision } from './units.js';

export const statsHeader: Record<string, string> = {
  Container: 'CONTAINER',
  Name: 'NAME',
  ID: 'CONTAINER ID',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

export const defaultStatsTable = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

/** docker's StatsEntry: one container's figures; `invalid` when its stats could not be had. */
export interface StatsEntry {
  container: string;
  name: string;
  id: string;
  cpuPercentage: number;
  memory: number;
  memoryLimit: number;
  memoryPercentage: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pidsCurrent: number;
  invalid: boolean;
}

/** An entry with nothing known yet (docker's NewStats). */
export function emptyEntry(container: string): StatsEntry {
  return { container, name: '', id: '', cpuPercentage: 0, memory: 0, memoryLimit: 0, memoryPercentage: 0, networkRx: 0, networkTx: 0, blockRead: 0, blockWrite: 0, pidsCurrent: 0, invalid: false };
}

/** calculateCPUPercentUnix, calculateMemUsageUnixNoCache (cgroup v1: usage minus total_inactive_file), calculateBlockIO. */
export function statsEntry(container: string, s: ContainerStatsResponse & { networks?: Record<string, { rx_bytes: number; tx_bytes: number }> }): StatsEntry {
  const cpu = s.cpu_stats;
  const pre = s.precpu_stats;
  const cpuDelta = cpu.cpu_usage.total_usage - pre.cpu_usage.total_usage;
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const onlineCpus = cpu.online_cpus || cpu.cpu_usage.percpu_usage?.length || 0;
  const cpuPercentage = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
  const mem = s.memory_stats;
  const usage = mem.usage ?? 0;
  const inactive = mem.stats?.total_inactive_file ?? mem.stats?.inactive_file;
  const memory = inactive !== undefined && inactive < usage ? usage - inactive : usage;
  const memoryLimit = mem.limit ?? 0;
  let blockRead = 0;
  let blockWrite = 0;
  for (const e of s.blkio_stats.io_service_bytes_recursive ?? []) {
    const op = e.op.charAt(0).toLowerCase();
    if (op === 'r') blockRead += e.value;
    else if (op === 'w') blockWrite += e.value;
  }
  let networkRx = 0;
  let networkTx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    networkRx += n.rx_bytes;
    networkTx += n.tx_bytes;
  }
  return {
    container,
    name: s.name,
    id: s.id,
    cpuPercentage,
    memory,
    memoryLimit,
    memoryPercentage: memoryLimit !== 0 ? (memory / memoryLimit) * 100 : 0,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pidsCurrent: s.pids_stats.current ?? 0,
    invalid: false,
  };
}

const percentage = (v: number): string => `${formatFloat(v, 'f', 2)}%`;
const pair = (a: number, b: number): string => `${humanSizeWithPrecision(a, 3)} / ${humanSizeWithPrecision(b, 3)}`;

function statsMethods(trunc: boolean): RowMethods<StatsEntry> {
  return {
    Container: (s) => s.container,
    Name: (s) => (s.name.length > 1 ? s.name.slice(1) : '--'),
    ID: (s) => (trunc ? s.id.slice(0, 12) : s.id),
    CPUPerc: (s) => (s.invalid ? '--' : percentage(s.cpuPercentage)),
    MemUsage: (s) => (s.invalid ? '-- / --' : `${bytesSize(s.memory)} / ${bytesSize(s.memoryLimit)}`),
    MemPerc: (s) => (s.invalid ? '--' : percentage(s.memoryPercentage)),
    NetIO: (s) => (s.invalid ? '--' : pair(s.networkRx, s.networkTx)),
    BlockIO: (s) => (s.invalid ? '--' : pair(s.blockRead, s.blockWrite)),
    PIDs: (s) => (s.invalid ? '--' : String(s.pidsCurrent)),
  };
}

export function statsRow(s: StatsEntry, trunc: boolean): GoStruct {
  return formatterRow('*container.statsContext', statsMethods(trunc), s);
}
