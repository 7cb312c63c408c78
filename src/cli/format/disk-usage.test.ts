import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SystemDataUsage } from '../../spec/docker/index.js';
import { renderDiskUsage } from './disk-usage.js';
import { recording } from './testdata/docker-recording.js';
import { expected, outcome, parseRecorded, restoreClock, useRecordingClock } from './testdata/replay.js';

describe('system df output, as docker 28 printed it', () => {
  before(useRecordingClock);
  after(restoreClock);
  for (const run of recording.cases.df) {
    it(run.args.join(' '), async () => {
      const { flags } = parseRecorded(run.args);
      const format = (flags.values.get('format') as string) || 'table';
      const got = await outcome(() => renderDiskUsage(recording.dataUsage as SystemDataUsage, format, flags.values.get('verbose') === true));
      assert.deepEqual(got, expected(run));
    });
  }

  for (const run of recording.cases.dfFull) {
    it(`${run.args.join(' ')} (with containers, volumes and build cache)`, async () => {
      const { flags } = parseRecorded(run.args);
      const format = (flags.values.get('format') as string) || 'table';
      const got = await outcome(() => renderDiskUsage(recording.dataUsageFull as SystemDataUsage, format, flags.values.get('verbose') === true));
      assert.deepEqual(got, expected(run));
    });
  }
});
