import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { boolFilter, matchLabels, parseGoDuration, parseTimestamp, validateFilters } from './filters.js';

test('validateFilters names the unknown filter', () => {
  validateFilters({ dangling: ['true'] }, ['dangling', 'label']);
  assert.throws(() => validateFilters({ bogus: ['x'] }, ['dangling']), { message: "invalid filter 'bogus'" });
});

test('boolFilter accepts Docker boolean spellings', () => {
  assert.equal(boolFilter({}, 'dangling', true), true);
  assert.equal(boolFilter({ dangling: ['false'] }, 'dangling', true), false);
  assert.equal(boolFilter({ dangling: ['1'] }, 'dangling', false), true);
  assert.throws(() => boolFilter({ dangling: ['maybe'] }, 'dangling', false), (e: unknown) => e instanceof InvalidArgument && e.message === "invalid filter 'dangling=maybe'");
});

test('matchLabels is MatchKVList', () => {
  assert.equal(matchLabels([], undefined), true);
  assert.equal(matchLabels(['a'], {}), false);
  assert.equal(matchLabels(['a'], { a: '1' }), true);
  assert.equal(matchLabels(['a=1', 'b'], { a: '1', b: '' }), true);
  assert.equal(matchLabels(['a=2'], { a: '1' }), false);
  assert.equal(matchLabels(['a='], { a: '' }), true);
});

test('Go durations and Docker timestamps', () => {
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.equal(parseGoDuration('10'), undefined);
  const now = Date.UTC(2024, 0, 2, 0, 0, 0);
  assert.equal(parseTimestamp('24h', now), Date.UTC(2024, 0, 1));
  assert.equal(parseTimestamp('2024-01-01T00:00:00Z', now), Date.UTC(2024, 0, 1));
  assert.equal(parseTimestamp('2024-01-01T02:00:00+02:00', now), Date.UTC(2024, 0, 1));
  assert.equal(parseTimestamp('2024-01-01T00:00:00.5Z', now), Date.UTC(2024, 0, 1) + 500);
  assert.equal(parseTimestamp('2024-01-01', now), new Date(2024, 0, 1).getTime());
  assert.equal(parseTimestamp('1700000000', now), 1_700_000_000_000);
  assert.equal(parseTimestamp('1700000000.25', now), 1_700_000_000_250);
  assert.throws(() => parseTimestamp('yesterday', now), InvalidArgument);
  assert.throws(() => parseTimestamp('2024-13', now), InvalidArgument);
});
