import assert from 'node:assert/strict';
import { STATUS_CODES } from 'node:http';
import { describe, it } from 'node:test';
import { InvalidArgument, NotFound, PermissionDenied, Unauthorized, Unavailable } from '../../common/index.js';
import { parseChallenges } from './challenge.js';
import { registryError } from './errors.js';

const body = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const errors = (...list: { code: string; message?: string }[]): Buffer => body({ errors: list });

describe('registryError', () => {
  const cases: [string, number, Buffer, string, unknown, string][] = [
    ['manifest unknown', 404, errors({ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }), '', NotFound, 'manifest unknown: manifest unknown'],
    ['name unknown', 404, errors({ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }), '', NotFound, 'name unknown: repository name not known to registry'],
    ['blob unknown, no message', 404, errors({ code: 'BLOB_UNKNOWN' }), '', NotFound, 'blob unknown: blob_unknown'],
    ['digest invalid', 400, errors({ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' }), '', InvalidArgument, 'digest invalid: provided digest did not match uploaded content'],
    ['unauthorized', 401, errors({ code: 'UNAUTHORIZED', message: 'authentication required' }), '', Unauthorized, 'unauthorized: authentication required'],
    ['denied without message', 403, errors({ code: 'DENIED' }), '', PermissionDenied, 'denied: requested access to the resource is denied'],
    ['too many requests', 429, errors({ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }), '', Unavailable, 'toomanyrequests: You have reached your pull rate limit.'],
    ["a token server's details", 401, body({ details: 'incorrect username or password' }), '', Unauthorized, 'unauthorized: incorrect username or password'],
    ['UNKNOWN code: the status decides', 503, errors({ code: 'UNKNOWN', message: 'unknown error' }), '', Unavailable, 'unknown: unknown error'],
    ['several errors', 400, errors({ code: 'MANIFEST_INVALID', message: 'a' }, { code: 'BLOB_UNKNOWN', message: 'b' }), '', InvalidArgument, 'manifest invalid: a; blob unknown: b'],
    ['insufficient scope', 401, errors({ code: 'UNAUTHORIZED', message: 'authentication required' }), 'Bearer realm="r",error="insufficient_scope"', PermissionDenied, 'denied: requested access to the resource is denied; unauthorized: authentication required'],
    ['invalid token with description', 401, Buffer.alloc(0), 'Bearer realm="r",error="invalid_token",error_description="expired"', Unauthorized, 'unauthorized: expired'],
    ['bare 401', 401, Buffer.from('<html>'), 'Basic realm="x"', Unauthorized, 'unauthorized: authentication required'],
    ['bare 403', 403, Buffer.alloc(0), '', PermissionDenied, 'denied: requested access to the resource is denied'],
    ['bare 404', 404, Buffer.alloc(0), '', NotFound, 'blob sha256:x: received unexpected HTTP status: 404 Not Found'],
    ['bare 502', 502, Buffer.from('bad gateway'), '', Unavailable, 'blob sha256:x: received unexpected HTTP status: 502 Bad Gateway'],
    ['errors not as the spec has them', 400, body({ errors: [{ message: 'no code' }] }), '', InvalidArgument, 'blob sha256:x: received unexpected HTTP status: 400 Bad Request'],
  ];
  for (const [name, status, bytes, challenge, Class, message] of cases) {
    it(name, () => {
      const err = registryError(status, STATUS_CODES[status] ?? '', bytes, parseChallenges(challenge), 'blob sha256:x');
      assert.ok(err instanceof (Class as typeof Error), `${err.name}: ${err.message}`);
      assert.equal(err.message, message);
    });
  }
});
