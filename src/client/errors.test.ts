import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Conflict,
  Internal,
  InvalidArgument,
  NotFound,
  NotImplemented,
  PermissionDenied,
  Unauthorized,
  Unavailable,
} from '../common/index.js';
import { connectError, errorFromStatus } from './errors.js';

test('statuses map back to error classes, keeping the message', () => {
  const table: Array<[number, new (m: string) => Error]> = [
    [400, InvalidArgument],
    [401, Unauthorized],
    [403, PermissionDenied],
    [404, NotFound],
    [409, Conflict],
    [501, NotImplemented],
    [503, Unavailable],
    [500, Internal],
    [502, Internal],
    [418, Internal],
  ];
  for (const [status, cls] of table) {
    const err = errorFromStatus(status, `m${status}`);
    assert.ok(err instanceof cls, String(status));
    assert.equal(err.message, `m${status}`);
  }
});

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
