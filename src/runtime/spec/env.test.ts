import assert from 'node:assert/strict';
import { it } from 'node:test';
import { containerEnv, defaultPathEnv } from './env.js';

it('puts PATH, HOSTNAME and TERM first and lets the container override them', () => {
  assert.deepEqual(containerEnv(['A=1', 'PATH=/bin', 'HOSTNAME'], 'box', true), ['PATH=/bin', 'TERM=xterm', 'A=1']);
  assert.deepEqual(containerEnv([], 'box', false), [defaultPathEnv, 'HOSTNAME=box']);
  assert.deepEqual(containerEnv(['A=1', 'A=2', 'B', 'B=3'], 'h', false), [defaultPathEnv, 'HOSTNAME=h', 'A=2', 'B=3']);
});
