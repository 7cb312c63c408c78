import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus, eventFilter, eventTime } from './events.js';

test('the bus replays kept events from `since`, then delivers new ones, in strictly increasing time', () => {
  const bus = new EventBus();
  bus.publish('container', 'create', 'a', { name: 'web', image: 'bb:1' });
  const seen: string[] = [];
  const times: bigint[] = [];
  const off = bus.subscribe((e) => {
    seen.push(`${e.message.Action} ${e.message.Actor.ID}`);
    times.push(e.nanos);
  }, 0n);
  bus.publish('container', 'start', 'a');
  off();
  bus.publish('container', 'die', 'a');
  assert.deepEqual(seen, ['create a', 'start a']);
  assert.ok(times[1]! > times[0]!);
  const late: string[] = [];
  bus.subscribe((e) => late.push(e.message.Action), times[1]);
  assert.deepEqual(late, ['start', 'die']);
});

test("eventFilter matches as moby's: exact types and actions, container by id prefix or name, image without its tag, labels", () => {
  const bus = new EventBus();
  const events: Parameters<ReturnType<typeof eventFilter>>[0][] = [];
  bus.subscribe((e) => events.push(e.message));
  bus.publish('container', 'start', 'abcdef', { name: 'web', image: 'bb:1', app: 'x' });
  bus.publish('volume', 'create', 'data');
  const match = (filters: Record<string, string[]>): boolean[] => events.map(eventFilter(filters));
  assert.deepEqual(match({}), [true, true]);
  assert.deepEqual(match({ type: ['volume'] }), [false, true]);
  assert.deepEqual(match({ container: ['abc'] }), [true, false]);
  assert.deepEqual(match({ container: ['web'], event: ['start'] }), [true, false]);
  assert.deepEqual(match({ image: ['bb'] }), [true, false]);
  assert.deepEqual(match({ label: ['app=x'] }), [true, false]);
  assert.throws(() => eventFilter({ bogus: ['1'] }), { message: "invalid filter 'bogus'" });
  assert.equal(events[0]!.status, 'start');
  assert.equal(events[0]!.from, 'bb:1');
  assert.equal(events[1]!.status, undefined);
});

test('eventTime reads Unix seconds exactly, and durations before now', () => {
  assert.equal(eventTime('1700000000.000000123'), 1_700_000_000_000_000_123n);
  assert.equal(eventTime('10m', 1_700_000_600_000), 1_700_000_000_000_000_000n);
});
