// Cases from github.com/distribution/reference's reference_test.go and
// normalize_test.go, with Docker's messages, and the docker CLI's uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import {
  familiarMatch,
  familiarName,
  familiarString,
  isNamed,
  parseAnyReference,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  repositoryName,
  tagNameOnly,
  tryParseNormalizedNamed,
  withDigest,
  withTag,
} from './index.js';

const f64 = 'f'.repeat(64);

test('parseReference accepts and splits valid references', () => {
  const cases: [string, string, string, string?, string?][] = [
    // input, repository, domain, tag, digest
    ['test_com', 'test_com', ''],
    ['test.com:tag', 'test.com', '', 'tag'],
    ['test.com:5000', 'test.com', '', '5000'],
    ['test.com/repo:tag', 'test.com/repo', 'test.com', 'tag'],
    ['test:5000/repo', 'test:5000/repo', 'test:5000'],
    ['test:5000/repo:tag', 'test:5000/repo', 'test:5000', 'tag'],
    [`test:5000/repo@sha256:${f64}`, 'test:5000/repo', 'test:5000', undefined, `sha256:${f64}`],
    [`test:5000/repo:tag@sha256:${f64}`, 'test:5000/repo', 'test:5000', 'tag', `sha256:${f64}`],
    ['lowercase:Uppercase', 'lowercase', '', 'Uppercase'],
    ['a/'.repeat(127) + 'a:tag-puts-this-over-max', 'a/'.repeat(127) + 'a', 'a', 'tag-puts-this-over-max'],
    ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com'],
    ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'some-long-tag'],
    ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io/test.example.com/my-app', 'b.gcr.io', 'test.example.com'],
    ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com/myimage', 'xn--n3h.com', 'xn--n3h.com'],
    [`xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`, 'xn--7o8h.com/myimage', 'xn--7o8h.com', 'xn--7o8h.com', `sha512:${'f'.repeat(128)}`],
    ['foo_bar.com:8080', 'foo_bar.com', '', '8080'],
    ['foo/foo_bar.com:8080', 'foo/foo_bar.com', 'foo', '8080'],
    ['192.168.1.1', '192.168.1.1', ''],
    ['192.168.1.1:tag', '192.168.1.1', '', 'tag'],
    ['192.168.1.1:5000', '192.168.1.1', '', '5000'],
    ['192.168.1.1/repo', '192.168.1.1/repo', '192.168.1.1'],
    ['192.168.1.1:5000/repo', '192.168.1.1:5000/repo', '192.168.1.1:5000'],
    ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000/repo', '192.168.1.1:5000', '5050'],
    ['[2001:db8::1]/repo', '[2001:db8::1]/repo', '[2001:db8::1]'],
    ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]/repo', '[2001:db8:1:2:3:4:5:6]', 'tag'],
    ['[2001:db8::1]:5000/repo', '[2001:db8::1]:5000/repo', '[2001:db8::1]:5000'],
    ['[2001:db8::1]:5000/repo:tag', '[2001:db8::1]:5000/repo', '[2001:db8::1]:5000', 'tag'],
    [`[2001:db8::1]:5000/repo:tag@sha256:${f64}`, '[2001:db8::1]:5000/repo', '[2001:db8::1]:5000', 'tag', `sha256:${f64}`],
    ['[2001:db8::]:5000/repo', '[2001:db8::]:5000/repo', '[2001:db8::]:5000'],
    ['[::1]:5000/repo', '[::1]:5000/repo', '[::1]:5000'],
  ];
  for (const [input, repository, domain, tag, digest] of cases) {
    const ref = parseReference(input);
    assert.equal(referenceString(ref), input, input);
    assert.equal(repositoryName(ref), repository, input);
    assert.equal(ref.domain, domain, input);
    assert.equal(ref.tag, tag, input);
    assert.equal(ref.digest, digest, input);
  }
});

test('parseReference refuses invalid references with the upstream errors', () => {
  const cases: [string, string][] = [
    ['', 'repository name must have at least one component'],
    [':justtag', 'invalid reference format'],
    [`@sha256:${f64}`, 'invalid reference format'],
    ['repo@sha256:' + 'f'.repeat(34), 'invalid checksum digest length'],
    [`validname@invaliddigest:${f64}`, 'unsupported digest algorithm'],
    ['Uppercase:tag', 'repository name must be lowercase'],
    ['test:5000/Uppercase/lowercase:tag', 'repository name must be lowercase'],
    ['a/'.repeat(128) + 'a:tag', 'repository name must not be more than 255 characters'],
    ['aa/asdf$$^/aa', 'invalid reference format'],
    ['[2001:db8::1]', 'invalid reference format'],
    ['[2001:db8::1]:5000', 'invalid reference format'],
    ['[2001:db8::1]:tag', 'invalid reference format'],
    ['[fe80::1%eth0]:5000/repo', 'invalid reference format'],
    ['[fe80::1%@invalidzone]:5000/repo', 'invalid reference format'],
    [`repo@sha256:${'F'.repeat(64)}`, 'invalid checksum digest format'],
    ['a'.repeat(5000), 'invalid reference format'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseReference(input), (err: unknown) => err instanceof InvalidArgument && err.message === message, input);
  }
});

test('parseNormalizedNamed accepts valid repository names', () => {
  const valid = [
    'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian',
    'docker.io/debian', 'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian', '192.168.0.1',
    '192.168.0.1:80', '192.168.0.1:8/debian', '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'Docker/docker', 'DOCKER/docker',
    'docker-rules/docker', 'docker---rules/docker', 'doc/docker', 'd/docker', 'jess/t', 'dock__er/docker',
  ];
  for (const name of valid) assert.doesNotThrow(() => parseNormalizedNamed(name), name);
});

test('parseNormalizedNamed refuses invalid repository names', () => {
  const invalid = [
    'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker',
    'docker///docker', 'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000',
    'fc00::1:5000/debian', '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'docker-/docker', '-docker-/docker',
    '____/____', '_docker/_docker', 'dock..er/docker', 'dock_.er/docker', 'dock-.er/docker', 'docker/',
    'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4) + '/docker',
  ];
  for (const name of invalid) assert.throws(() => parseNormalizedNamed(name), InvalidArgument, name);
});

test('parseNormalizedNamed uses Docker messages for uppercase names and hex ids', () => {
  assert.throws(() => parseNormalizedNamed('Busybox'), {
    message: 'invalid reference format: repository name (library/Busybox) must be lowercase',
  });
  const hex = 'a'.repeat(64);
  assert.throws(() => parseNormalizedNamed(hex), {
    message: `invalid repository name (${hex}), cannot specify 64-byte hexadecimal strings`,
  });
  assert.throws(() => parseNormalizedNamed('busybox:-bad'), { message: 'invalid reference format' });
  assert.throws(() => parseNormalizedNamed('busybox:' + 'a'.repeat(129)), { message: 'invalid reference format' });
  assert.throws(() => parseNormalizedNamed('Foo.com/Bar'), {
    message: 'invalid reference format: repository name (Bar) must be lowercase',
  });
  assert.throws(() => parseNormalizedNamed(''), { message: 'invalid reference format' });
  assert.throws(() => parseNormalizedNamed('a b'), { message: 'invalid reference format' });
  assert.throws(() => parseNormalizedNamed('a'.repeat(300)), {
    message: 'repository name must not be more than 255 characters',
  });
});

test('tryParseNormalizedNamed gives undefined for what docker lists as <none>', () => {
  assert.equal(tryParseNormalizedNamed('<none>:<none>'), undefined);
  assert.equal(tryParseNormalizedNamed('<none>@<none>'), undefined);
  assert.deepEqual(tryParseNormalizedNamed('busybox:1.36'), { domain: 'docker.io', path: 'library/busybox', tag: '1.36' });
});

test('familiar names, full names and domains (TestParseRepositoryInfo)', () => {
  const cases: { remote: string; familiar: string; full: string; ambiguous?: string; domain: string }[] = [
    { remote: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', ambiguous: 'index.docker.io/fooo/bar', domain: 'docker.io' },
    { remote: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', ambiguous: 'library/ubuntu', domain: 'docker.io' },
    { remote: 'nonlibrary/ubuntu', familiar: 'nonlibrary/ubuntu', full: 'docker.io/nonlibrary/ubuntu', domain: 'docker.io' },
    { remote: 'other/library', familiar: 'other/library', full: 'docker.io/other/library', domain: 'docker.io' },
    { remote: 'private/moonbase', familiar: '127.0.0.1:8000/private/moonbase', full: '127.0.0.1:8000/private/moonbase', domain: '127.0.0.1:8000' },
    { remote: 'privatebase', familiar: '127.0.0.1:8000/privatebase', full: '127.0.0.1:8000/privatebase', domain: '127.0.0.1:8000' },
    { remote: 'private/moonbase', familiar: 'example.com/private/moonbase', full: 'example.com/private/moonbase', domain: 'example.com' },
    { remote: 'privatebase', familiar: 'example.com:8000/privatebase', full: 'example.com:8000/privatebase', domain: 'example.com:8000' },
    { remote: 'library/ubuntu-12.04-base', familiar: 'ubuntu-12.04-base', full: 'docker.io/library/ubuntu-12.04-base', ambiguous: 'index.docker.io/library/ubuntu-12.04-base', domain: 'docker.io' },
    { remote: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', ambiguous: 'docker.io/foo', domain: 'docker.io' },
    { remote: 'library/foo/bar', familiar: 'library/foo/bar', full: 'docker.io/library/foo/bar', domain: 'docker.io' },
    { remote: 'store/foo/bar', familiar: 'store/foo/bar', full: 'docker.io/store/foo/bar', domain: 'docker.io' },
    { remote: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', domain: 'Foo' },
    { remote: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', domain: 'FOO' },
  ];
  for (const c of cases) {
    for (const input of [c.familiar, c.full, ...(c.ambiguous ? [c.ambiguous] : [])]) {
      const ref = parseNormalizedNamed(input);
      assert.equal(familiarName(ref), c.familiar, input);
      assert.equal(referenceString(ref), c.full, input);
      assert.equal(ref.domain, c.domain, input);
      assert.equal(ref.path, c.remote, input);
    }
  }
});

test('tag and digest together, default tag, localhost', () => {
  const short = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
  const ref = parseNormalizedNamed(short);
  assert.equal(referenceString(ref), 'docker.io/library/' + short);
  assert.equal(familiarString(ref), short);
  assert.equal(referenceString(tagNameOnly(parseNormalizedNamed('busybox'))), 'docker.io/library/busybox:latest');
  const local = parseNormalizedNamed('localhost:5000/a/b:t');
  assert.deepEqual(local, { domain: 'localhost:5000', path: 'a/b', tag: 't' });
  assert.equal(familiarString(local), 'localhost:5000/a/b:t');
  assert.equal(parseNormalizedNamed('localhost/app').domain, 'localhost');
  const legacy = parseNormalizedNamed('index.docker.io/library/ubuntu:22.04');
  assert.equal(repositoryName(legacy), 'docker.io/library/ubuntu');
  assert.equal(familiarString(legacy), 'ubuntu:22.04');
});

test('parseAnyReference (TestParseAnyReference)', () => {
  const d = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
  const cases: [string, string][] = [
    ['redis', 'docker.io/library/redis'],
    ['redis:latest', 'docker.io/library/redis:latest'],
    [`redis@sha256:${d}`, `docker.io/library/redis@sha256:${d}`],
    ['dmcgowan/myapp', 'docker.io/dmcgowan/myapp'],
    [`docker.io/dmcgowan/myapp@sha256:${d}`, `docker.io/dmcgowan/myapp@sha256:${d}`],
    [d, `sha256:${d}`],
    [`sha256:${d}`, `sha256:${d}`],
    [d.slice(0, 63), `docker.io/library/${d.slice(0, 63)}`],
    ['dbcc1', 'docker.io/library/dbcc1'],
  ];
  for (const [input, expected] of cases) {
    const ref = parseAnyReference(input);
    assert.equal(isNamed(ref) ? referenceString(ref) : ref.digest, expected, input);
  }
});

test('withTag and withDigest validate their parts', () => {
  const ref = parseNormalizedNamed('busybox');
  assert.equal(referenceString(withTag(ref, 'TAG5')), 'docker.io/library/busybox:TAG5');
  assert.throws(() => withTag(ref, '-foo'), { message: 'invalid tag format' });
  assert.throws(() => withDigest(ref, 'foo'), { message: 'invalid digest format' });
  const digested = withDigest(ref, 'sha256:1234567890098765432112345667890098765');
  assert.equal(referenceString(withTag(digested, 'x')), 'docker.io/library/busybox:x@sha256:1234567890098765432112345667890098765');
});

test('familiarMatch (TestMatch)', () => {
  const cases: [string, string, boolean][] = [
    ['foo', 'foo/**/ba[rz]', false],
    ['foo/any/bat', 'foo/**/ba[rz]', false],
    ['foo/a/bar', 'foo/**/ba[rz]', true],
    ['foo/b/baz', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/*/baz:tag', true],
    ['foo/c/baz:tag', 'foo/c/baz:tag', true],
    ['example.com/foo/c/baz:tag', '*/foo/c/baz', true],
    ['example.com/foo/c/baz:tag', 'example.com/foo/c/baz', true],
    ['busybox:latest', 'busy*', true],
    ['busybox:latest', 'busybox:lat*', true],
    ['busybox:latest', 'b?sybox', true],
    ['busybox:latest', '[^b]usybox', false],
  ];
  for (const [input, pattern, expected] of cases) {
    assert.equal(familiarMatch(pattern, parseNormalizedNamed(input)), expected, `${pattern} ~ ${input}`);
  }
  assert.throws(() => familiarMatch('[-x]', parseNormalizedNamed('foo')), { message: 'syntax error in pattern' });
});

test('long hostile input is refused quickly', () => {
  const start = performance.now();
  for (const s of ['a'.repeat(1024) + '!', 'a-'.repeat(512) + '!', 'a.'.repeat(512) + '/!']) {
    assert.throws(() => parseNormalizedNamed(s), InvalidArgument);
  }
  assert.ok(performance.now() - start < 1000);
});
