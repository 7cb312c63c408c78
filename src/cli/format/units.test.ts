import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesSize, humanDuration, humanSize, humanSizeWithPrecision, timeAgo } from './units.js';

// Expected strings are what docker 28 printed for the same values.
describe('go-units', () => {
  it('sizes', () => {
    const cases: [number, string, string][] = [
      [0, '0B', '0B'],
      [999, '999B', '999B'],
      [1000, '1kB', '1kB'],
      [1001, '1kB', '1.001kB'],
      [1125, '1.12kB', '1.125kB'],
      [4261234, '4.26MB', '4.261MB'],
      [999999, '1e+03kB', '1000kB'],
      [999500, '1e+03kB', '999.5kB'],
      [9995000, '9.99MB', '9.995MB'],
      [123456789012, '123GB', '123.5GB'],
      [1e15, '1PB', '1PB'],
      [1265000, '1.26MB', '1.265MB'],
    ];
    for (const [n, three, four] of cases) {
      assert.equal(humanSizeWithPrecision(n, 3), three, String(n));
      assert.equal(humanSize(n), four, String(n));
    }
    assert.equal(bytesSize(4123456789), '3.84GiB');
    assert.equal(bytesSize(1024), '1KiB');
  });

  it('durations', () => {
    const second = 1000;
    const hour = 3600 * second;
    const cases: [number, string][] = [
      [0, 'Less than a second'],
      [999, 'Less than a second'],
      [second, '1 second'],
      [2 * second, '2 seconds'],
      [59 * second, '59 seconds'],
      [60 * second, 'About a minute'],
      [119 * second, 'About a minute'],
      [120 * second, '2 minutes'],
      [3599 * second, '59 minutes'],
      [3600 * second, 'About an hour'],
      [5399 * second, 'About an hour'],
      [5400 * second, '2 hours'],
      [47 * hour, '47 hours'],
      [48 * hour, '2 days'],
      [14 * 24 * hour, '2 weeks'],
      [60 * 24 * hour, '2 months'],
      // go-units rounds the hours for the months test but truncates them for years.
      [730 * 24 * hour - second, '1 years'],
      [730 * 24 * hour, '2 years'],
      [3650 * 24 * hour, '10 years'],
      [-5 * second, 'Less than a second'],
    ];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms} ms`);
    assert.equal(timeAgo(1000, 1000 * 1000 + 3 * hour), '3 hours ago');
  });
});
