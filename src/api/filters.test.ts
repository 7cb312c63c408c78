import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { parseFilters } from './filters.js';

test('empty or null filters decode to no filter', () => {
  assert.deepEqual(parseFilters(''), {});
  assert.deepEqual(parseFilters('null'), {});
  assert.deepEqual(parseFilters('{}'), {});
});

test('the set form and the legacy list form decode alike (moby TestFromJSON)', () => {
  const cases: Array<[string, Record<string, string[]>]> = [
    ['{"key": ["value"]}', { key: ['value'] }],
    ['{"key": {"value": true}}', { key: ['value'] }],
    ['{"key": ["value1", "value2"]}', { key: ['value1', 'value2'] }],
    ['{"key": {"value1": true, "value2": true}}', { key: ['value1', 'value2'] }],
    ['{"key1": ["value1"], "key2": ["value2"]}', { key1: ['value1'], key2: ['value2'] }],
    ['{"key1": {"value1": true}, "key2": {"value2": true}}', { key1: ['value1'], key2: ['value2'] }],
    ['{"dangling":{"true":true}}', { dangling: ['true'] }],
    ['{"dangling":["true"]}', { dangling: ['true'] }],
  ];
  for (const [raw, expected] of cases) assert.deepEqual(parseFilters(raw), expected, raw);
});

test('a filter name without values is kept, with no values', () => {
  assert.deepEqual(parseFilters('{"label":null}'), { label: [] });
  assert.deepEqual(parseFilters('{"label":{}}'), { label: [] });
  assert.deepEqual(parseFilters('{"label":[]}'), { label: [] });
});

test('values mapped to false are not in the set; repeated list values count once', () => {
  assert.deepEqual(parseFilters('{"reference":{"a":true,"b":false}}'), { reference: ['a'] });
  assert.deepEqual(parseFilters('{"reference":["a","a","b"]}'), { reference: ['a', 'b'] });
});

test('anything else is "invalid filter" (moby TestFromJSON invalids and mixed forms)', () => {
  for (const raw of [
    'anything',
    "['a','list']",
    "{'key': 'value'}",
    '{"key": "value"}',
    '["a"]',
    '"s"',
    '1',
    '{"key": {"value": "true"}}',
    '{"key": [1]}',
    '{"a": {"x": true}, "b": ["y"]}',
    '{"key": {"value": true}',
  ]) {
    assert.throws(() => parseFilters(raw), (err: unknown) => err instanceof InvalidArgument && err.message === 'invalid filter', raw);
  }
});
