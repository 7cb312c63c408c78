import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImageHistoryItem } from '../../spec/docker/index.js';
import { recording } from '../format/testdata/docker-recording.js';
import { expected, outcome, parseRecorded, restoreClock, useRecordingClock } from '../format/testdata/replay.js';
import { renderHistory } from './history.js';

describe('history output, as docker 28 printed it', () => {
  before(useRecordingClock);
  after(restoreClock);
  for (const run of recording.cases.history) {
    it(run.args.join(' '), async () => {
      const { flags } = parseRecorded(run.args);
      const got = await outcome(() => renderHistory(flags, recording.history as ImageHistoryItem[]));
      assert.deepEqual(got, expected(run));
    });
  }
});
