import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatsResponse } from '../../spec/docker/index.js';
import { renderRows } from './formatter.js';
import { defaultStatsTable, emptyEntry, statsEntry, statsHeader, statsRow } from './stats-rows.js';

const cpu = (total: number, system: number) => ({
  cpu_usage: { total_usage: total, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  system_cpu_usage: system,
  online_cpus: 2,
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
});

test("stats rows: docker's CPU %, memory without inactive file cache, block I/O, and -- when invalid", () => {
  const sample = {
    name: '/web',
    id: 'a'.repeat(64),
    cpu_stats: cpu(3e8, 2e9),
    precpu_stats: cpu(2e8, 1e9),
    memory_stats: { usage: 3 * 1024 * 1024, limit: 64 * 1024 * 1024, stats: { total_inactive_file: 1024 * 1024 } },
    pids_stats: { current: 3 },
    blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'Read', value: 4096 }, { major: 8, minor: 0, op: 'write', value: 1500 }, { major: 8, minor: 0, op: 'Total', value: 5596 }] },
  } as unknown as ContainerStatsResponse;
  const rows = [statsRow(statsEntry('web', sample), true), statsRow({ ...emptyEntry('gone'), invalid: true }, true)];
  assert.equal(
    renderRows(defaultStatsTable, rows, statsHeader),
    [
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O       PIDS',
      'aaaaaaaaaaaa   web       20.00%    2MiB / 64MiB        3.12%     0B / 0B   4.1kB / 1.5kB   3',
      '               --        --        -- / --             --        --        --              --',
      '',
    ].join('\n'),
  );
});
