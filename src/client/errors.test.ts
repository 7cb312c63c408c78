import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PermissionDenied, Unavailable } from '../common/index.js';
import { connectError } from './errors.js';

test('a refused or missing socket is Unavailable in Docker\'s words; EACCES is PermissionDenied', () => {
  const host = 'unix:///run/cais/cais.sock';
  for (const code of ['ENOENT', 'ECONNREFUSED']) {
    const err = connectError(Object.assign(new Error('x'), { code }), host);
    assert.ok(err instanceof Unavailable);
    assert.equal(err.message, 'Cannot connect to the cais daemon at unix:///run/cais/cais.sock. Is the cais daemon running?');
  }
  assert.ok(connectError(Object.assign(new Error('x'), { code: 'EACCES' }), host) instanceof PermissionDenied);
  const other = connectError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), host);
  assert.ok(other instanceof Unavailable);
  assert.equal(other.message, 'error during connect: socket hang up');
});
