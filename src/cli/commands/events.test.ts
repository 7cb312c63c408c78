import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prettyEvent } from './events.js';

test('events print as docker prettyPrintEvent does: fixed nanoseconds, sorted attributes', () => {
  process.env.TZ = 'UTC';
  const message = { Type: 'container', Action: 'start', Actor: { ID: 'abc', Attributes: { name: 'web', image: 'bb' } }, scope: 'local', time: 1700000000, timeNano: 0 } as const;
  assert.equal(prettyEvent(message, 1_700_000_000_000_000_120n), '2023-11-14T22:13:20.000000120Z container start abc (image=bb, name=web)\n');
  assert.equal(prettyEvent({ ...message, Actor: { ID: 'v', Attributes: {} } }, 1_700_000_000_000_000_000n), '2023-11-14T22:13:20.000000000Z container start v\n');
});
