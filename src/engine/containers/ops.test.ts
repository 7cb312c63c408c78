import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostConfig } from '../../spec/index.js';
import { parseBlkio, parseFlatKeyed, parseProcStat } from './cgroup-v1.js';
import { parsePsOutput } from './top.js';
import { mergeUpdate } from './update.js';

test('parsePsOutput keeps the container rows, their thread rows, and joins the command', () => {
  const output = [
    'UID          PID    PPID  C STIME TTY          TIME CMD',
    'root           1       0  0 10:06 ?        00:00:30 /sbin/init splash',
    'root         200       1  0 10:07 ?        00:00:00 sleep 1000',
    'root           -       -  0 10:07 ?        00:00:00 -',
    'root         300       1  0 10:07 ?        00:00:00 other',
    'root           -       -  0 10:07 ?        00:00:00 -',
    '',
  ].join('\n');
  assert.deepEqual(parsePsOutput(output, new Set([200])), {
    Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
    Processes: [
      ['root', '200', '1', '0', '10:07', '?', '00:00:00', 'sleep 1000'],
      ['root', '-', '-', '0', '10:07', '?', '00:00:00', '-'],
    ],
  });
  assert.throws(() => parsePsOutput('USER COMMAND\nroot sh\n', new Set()), { message: "Couldn't find PID field in ps output" });
});

test('cgroup v1 files: keyed values, blkio entries without the total, host CPU time in ns', () => {
  assert.deepEqual([...parseFlatKeyed('cache 4096\nrss 8192\n')], [['cache', 4096], ['rss', 8192]]);
  assert.deepEqual(parseBlkio('8:0 Read 4096\n8:0 Write 512\nTotal 4608\n'), [
    { major: 8, minor: 0, op: 'Read', value: 4096 },
    { major: 8, minor: 0, op: 'Write', value: 512 },
  ]);
  // user nice system idle iowait irq softirq (steal and guest left out), in 1/100 s.
  assert.deepEqual(parseProcStat('cpu  1 2 3 4 5 6 7 8 9 10\ncpu0 1 1 1 1 1 1 1\ncpu1 0 0 0 0 0 0 0\nintr 5\n'), { systemUsage: 28 * 1e7, onlineCpus: 2 });
});

test("mergeUpdate changes what was sent, with moby's conflicts", () => {
  const current = { Memory: 64, MemorySwap: 128, NanoCpus: 0, CpuPeriod: 0, CpuQuota: 0, CpuShares: 0, PidsLimit: null, AutoRemove: true, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } } as unknown as HostConfig;
  const next = mergeUpdate(current, { Memory: 100, CpuShares: 0, PidsLimit: 0, CpusetCpus: '0' });
  assert.deepEqual([next.Memory, next.MemorySwap, next.PidsLimit, next.CpusetCpus], [100, 128, 0, '0']);
  assert.throws(() => mergeUpdate(current, { Memory: 200 }), { message: /^Memory limit should be smaller than already set memoryswap limit/ });
  assert.throws(() => mergeUpdate({ ...current, NanoCpus: 1e9 }, { CpuQuota: 5000 }), { message: 'Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set' });
  assert.throws(() => mergeUpdate(current, { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } }), { message: 'Restart policy cannot be updated because AutoRemove is enabled for the container' });
});
