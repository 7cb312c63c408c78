import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImageSummary } from '../../spec/docker/index.js';
import { recording } from '../format/testdata/docker-recording.js';
import { expected, outcome, parseRecorded, restoreClock, useRecordingClock } from '../format/testdata/replay.js';
import { renderImages } from './images.js';

describe('images output, as docker 28 printed it', () => {
  before(useRecordingClock);
  after(restoreClock);
  for (const run of recording.cases.images) {
    it(run.args.join(' '), async () => {
      const { flags } = parseRecorded(run.args);
      const got = await outcome(() => renderImages(flags, recording.images as ImageSummary[]));
      assert.deepEqual(got, expected(run));
    });
  }
});
