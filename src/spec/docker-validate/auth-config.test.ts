import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { decodeRegistryAuth, parseAuthConfig } from './auth-config.js';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

test('X-Registry-Auth: base64url JSON with or without padding; empty or {} means no credentials', () => {
  assert.equal(decodeRegistryAuth(undefined), undefined);
  assert.equal(decodeRegistryAuth(''), undefined);
  assert.deepEqual(decodeRegistryAuth('e30='), {});
  assert.deepEqual(decodeRegistryAuth(encode({ username: 'u', password: 'p?>', serveraddress: 'localhost:5000' })), {
    username: 'u',
    password: 'p?>',
    serveraddress: 'localhost:5000',
  });
});

test("field names match without regard to case, unknown ones are ignored, as Go's decoder does", () => {
  assert.deepEqual(parseAuthConfig({ Username: 'u', PASSWORD: 'p', IdentityToken: 't', other: 1, email: null }), {
    username: 'u',
    password: 'p',
    identitytoken: 't',
  });
});

test('bad credentials are refused with a clear error', () => {
  assert.throws(() => decodeRegistryAuth('not base64!'), { message: 'invalid X-Registry-Auth header: illegal base64 data' });
  assert.throws(() => decodeRegistryAuth(Buffer.from('{nope').toString('base64url')), InvalidArgument);
  assert.throws(() => decodeRegistryAuth(encode({ username: 5 })), {
    message: 'invalid X-Registry-Auth header: json: cannot unmarshal number into Go struct field AuthConfig.username of type string',
  });
  assert.throws(() => parseAuthConfig([]), InvalidArgument);
  assert.throws(() => decodeRegistryAuth('a'.repeat(70_000)), InvalidArgument);
});
