import assert from 'node:assert/strict';
import { it } from 'node:test';
import { apiTimestamp } from './timestamp.js';

it('turns durations, dates and numbers into seconds.nanoseconds', () => {
  const now = Date.parse('2024-01-02T03:04:05.500Z');
  assert.equal(apiTimestamp('1700000000', now), '1700000000');
  assert.equal(apiTimestamp('10m', now), '1704164045.500000000');
  assert.equal(apiTimestamp('2024-01-02T03:00:00Z', now), '1704164400.000000000');
  assert.throws(() => apiTimestamp('soon', now), /failed to parse value as time or duration: "soon"/);
});
