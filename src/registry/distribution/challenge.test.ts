import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges } from './challenge.js';

describe('parseChallenges', () => {
  it("reads Docker Hub's Bearer challenge", () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } },
    ]);
  });

  it('keeps commas, equals signs and escaped quotes inside quotes', () => {
    const [c] = parseChallenges('Bearer realm="https://a/t?x=1,y=2", scope="repository:a:pull,push repository:b:pull", error_description="say \\"no\\", then stop"');
    assert.deepEqual(c?.params, {
      realm: 'https://a/t?x=1,y=2',
      scope: 'repository:a:pull,push repository:b:pull',
      error_description: 'say "no", then stop',
    });
  });

  it('reads several challenges in one header and in several, names case-insensitive, tokens unquoted', () => {
    assert.deepEqual(parseChallenges(['Basic realm="Registry Realm", BEARER Realm=https://auth.example/token, Service=reg', 'Negotiate']), [
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'reg' } },
      { scheme: 'negotiate', params: {} },
    ]);
  });

  it('reads the insufficient_scope error, with stray spaces and commas', () => {
    assert.deepEqual(parseChallenges('  Bearer  realm = "r" ,, error="insufficient_scope" ,'), [{ scheme: 'bearer', params: { realm: 'r', error: 'insufficient_scope' } }]);
  });

  it('drops a malformed tail instead of guessing', () => {
    assert.deepEqual(parseChallenges('Bearer service="s", realm="unterminated, scope=x'), [{ scheme: 'bearer', params: { service: 's' } }]);
    assert.deepEqual(parseChallenges('Bearer realm="a, b="c"d'), [{ scheme: 'bearer', params: { realm: 'a, b=' } }]);
    assert.deepEqual(parseChallenges('Bearer realm="r" "junk" Basic realm="b"'), [{ scheme: 'bearer', params: { realm: 'r' } }]);
    assert.deepEqual(parseChallenges(''), []);
    assert.deepEqual(parseChallenges(undefined), []);
    assert.deepEqual(parseChallenges('=oops'), []);
  });
});
