import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DockerContainerConfig, Health, HealthcheckResult } from '../../spec/index.js';
import { goDuration, healthTiming, nextHealth, probeCommand, probeDelay } from './health.js';
import { statusText } from './status-text.js';

const config = (Test: string[] | null, Shell: string[] | null = null) => ({ Healthcheck: { Test }, Shell }) as unknown as DockerContainerConfig;
const result = (ExitCode: number, atMs: number): HealthcheckResult => ({ Start: new Date(atMs).toISOString(), End: new Date(atMs).toISOString(), ExitCode, Output: '' });

test('the probe command: CMD as is, CMD-SHELL through /bin/sh -c or the Shell; none for NONE or nothing', () => {
  assert.deepEqual(probeCommand(config(['CMD', 'true', 'x'])), ['true', 'x']);
  assert.deepEqual(probeCommand(config(['CMD-SHELL', 'exit 1'])), ['/bin/sh', '-c', 'exit 1']);
  assert.deepEqual(probeCommand(config(['CMD-SHELL', 'exit 1'], ['/bin/ash', '-e', '-c'])), ['/bin/ash', '-e', '-c', 'exit 1']);
  assert.equal(probeCommand(config(['NONE'])), undefined);
  assert.equal(probeCommand(config(null)), undefined);
  assert.equal(probeCommand({} as DockerContainerConfig), undefined);
});

test("moby's defaults for zero durations and retries", () => {
  assert.deepEqual(healthTiming({}), { intervalMs: 30_000, timeoutMs: 30_000, startPeriodMs: 0, startIntervalMs: 5_000, retries: 3 });
  assert.deepEqual(healthTiming({ Interval: 2e8, Timeout: 1e9, StartPeriod: 5e9, StartInterval: 1e8, Retries: 2 }), {
    intervalMs: 200, timeoutMs: 1000, startPeriodMs: 5000, startIntervalMs: 100, retries: 2,
  });
});

test('the start interval applies while starting in the start period, never past its end', () => {
  const t = healthTiming({ Interval: 10e9, StartPeriod: 30e9, StartInterval: 1e9 });
  assert.equal(probeDelay(t, 0, 'starting'), 1000);
  assert.equal(probeDelay(t, 0, 'healthy'), 10_000);
  assert.equal(probeDelay(t, 25_000, 'starting'), 5000);
  assert.equal(probeDelay(t, 30_000, 'starting'), 10_000);
});

test('a success is healthy; failures count to retries; failures in the start period before a success do not count', () => {
  const t = healthTiming({ Retries: 2, StartPeriod: 1e9 });
  const start: Health = { Status: 'starting', FailingStreak: 0, Log: [] };
  const inPeriod = nextHealth(start, result(1, 500), t, 0);
  assert.deepEqual([inPeriod.Status, inPeriod.FailingStreak, inPeriod.Log.length], ['starting', 0, 1]);
  const once = nextHealth(inPeriod, result(1, 1500), t, 0);
  assert.deepEqual([once.Status, once.FailingStreak], ['starting', 1]);
  const twice = nextHealth(once, result(1, 2500), t, 0);
  assert.deepEqual([twice.Status, twice.FailingStreak], ['unhealthy', 2]);
  const healthy = nextHealth(twice, result(0, 3500), t, 0);
  assert.deepEqual([healthy.Status, healthy.FailingStreak], ['healthy', 0]);
  // After a success the start period no longer shields failures.
  assert.equal(nextHealth(nextHealth(start, result(0, 100), t, 0), result(1, 200), t, 0).FailingStreak, 1);
});

test('the log keeps the last five results', () => {
  let h: Health = { Status: 'starting', FailingStreak: 0, Log: [] };
  for (let i = 0; i < 7; i++) h = nextHealth(h, result(i, i), healthTiming({ Retries: 100 }), 0);
  assert.deepEqual(h.Log.map((r) => r.ExitCode), [2, 3, 4, 5, 6]);
});

test("Go's duration text for the timeout message", () => {
  assert.equal(goDuration(30_000), '30s');
  assert.equal(goDuration(200), '200ms');
  assert.equal(goDuration(1500), '1.5s');
  assert.equal(goDuration(90_000), '1m30s');
  assert.equal(goDuration(3_600_000), '1h0m0s');
  assert.equal(goDuration(0.5), '500µs');
});

test('ps shows a running container’s health', () => {
  const state = { status: 'running', pid: 1, exitCode: 0, error: '', oomKilled: false, startedAt: 0, finishedAt: null, restartCount: 0, manuallyStopped: false } as const;
  const h = (Status: Health['Status']): Health => ({ Status, FailingStreak: 0, Log: [] });
  assert.equal(statusText(state, 5000), 'Up 5 seconds');
  assert.equal(statusText(state, 5000, h('starting')), 'Up 5 seconds (health: starting)');
  assert.equal(statusText(state, 5000, h('healthy')), 'Up 5 seconds (healthy)');
  assert.equal(statusText(state, 5000, h('unhealthy')), 'Up 5 seconds (unhealthy)');
  assert.equal(statusText({ ...state, status: 'paused' }, 5000, h('healthy')), 'Up 5 seconds (Paused)');
  assert.equal(statusText({ ...state, status: 'exited', finishedAt: 1000 }, 5000, h('healthy')), 'Exited (0) 4 seconds ago');
});
