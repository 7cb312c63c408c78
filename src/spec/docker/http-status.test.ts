import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AlreadyExists,
  Conflict,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  NotImplemented,
  PermissionDenied,
  Unauthorized,
  Unavailable,
} from '../../common/index.js';
import { errorFromStatus, statusFromError } from './http-status.js';

test('each error class has moby\'s status', () => {
  const table: Array<[Error, number]> = [
    [new NotFound('x'), 404],
    [new InvalidArgument('x'), 400],
    [new FailedPrecondition('x'), 400],
    [new Conflict('x'), 409],
    [new AlreadyExists('x'), 409],
    [new Unauthorized('x'), 401],
    [new PermissionDenied('x'), 403],
    [new NotImplemented('x'), 501],
    [new Unavailable('x'), 503],
    [new Internal('x'), 500],
  ];
  for (const [err, status] of table) assert.equal(statusFromError(err), status, err.name);
});

test('foreign errors are 500 unless they wrap a cais error', () => {
  assert.equal(statusFromError(new Error('boom')), 500);
  assert.equal(statusFromError('a string'), 500);
  assert.equal(statusFromError(undefined), 500);
  assert.equal(statusFromError(new Error('wrapped', { cause: new NotFound('x') })), 404);
  // The outermost cais error decides.
  assert.equal(statusFromError(new Internal('outer', { cause: new NotFound('inner') })), 500);
  assert.equal(statusFromError(new Conflict('outer', { cause: new NotFound('inner') })), 409);
});

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
