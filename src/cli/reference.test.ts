import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReferenceError, familiarName, parseNormalizedNamed, referenceName, tryParseNormalizedNamed } from './reference.js';

function message(s: string): string {
  try {
    parseNormalizedNamed(s);
  } catch (err) {
    assert.ok(err instanceof ReferenceError);
    return err.message;
  }
  assert.fail(`${s} parsed`);
}

describe('image references (distribution/reference)', () => {
  it('normalizes Docker Hub names and prints them back familiar', () => {
    const cases: [string, string, string, string | undefined][] = [
      ['busybox', 'docker.io/library/busybox', 'busybox', undefined],
      ['busybox:1.36', 'docker.io/library/busybox', 'busybox', '1.36'],
      ['index.docker.io/library/ubuntu:22.04', 'docker.io/library/ubuntu', 'ubuntu', '22.04'],
      ['team/app', 'docker.io/team/app', 'team/app', undefined],
      ['localhost:5000/foo/bar:v1', 'localhost:5000/foo/bar', 'localhost:5000/foo/bar', 'v1'],
      ['localhost/foo', 'localhost/foo', 'localhost/foo', undefined],
      ['docker.io/library/a/b', 'docker.io/library/a/b', 'library/a/b', undefined],
    ];
    for (const [input, name, familiar, tag] of cases) {
      const ref = parseNormalizedNamed(input);
      assert.equal(referenceName(ref), name);
      assert.equal(familiarName(ref), familiar);
      assert.equal(ref.tag, tag);
    }
    assert.equal(parseNormalizedNamed('alpine@sha256:' + '2'.repeat(64)).digest, 'sha256:' + '2'.repeat(64));
  });

  it("rejects bad references with docker's messages", () => {
    assert.equal(message(''), 'invalid reference format');
    assert.equal(message('a b'), 'invalid reference format');
    assert.equal(message('BAD:x'), 'invalid reference format: repository name (library/BAD) must be lowercase');
    assert.equal(message('Foo.com/Bar'), 'invalid reference format: repository name (Bar) must be lowercase');
    assert.equal(message('x:-y'), 'invalid reference format');
    assert.equal(message('a'.repeat(64)), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`);
    assert.equal(message('a'.repeat(300)), 'repository name must not be more than 255 characters');
    assert.equal(tryParseNormalizedNamed('<none>:<none>'), undefined);
  });
});
