// .dockerignore matching: moby/patternmatcher's test tables, the examples
// of Docker's documentation, fsutil's rule for walking excluded
// directories, and the docker CLI's keeping of the build files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { cleanPath } from './clean-path.js';
import { parseDockerignore } from './ignore-file.js';
import { goMatchCases } from './test-support.js';
import { IgnoreMatcher, keepBuildFiles, type MatchInfo } from './ignore-matcher.js';

/** The pattern on the path alone (patternmatcher's MatchesExact): a walk's question when no parent matched. */
function exactly(patterns: string[], path: string): boolean {
  return new IgnoreMatcher(patterns).match(path, patterns.map(() => false)).excluded;
}

/** The walk's question, asked down from the top as a walk asks it (MatchesUsingParentResults). */
function walking(patterns: string[], path: string): boolean {
  const matcher = new IgnoreMatcher(patterns);
  const slash = path.lastIndexOf('/');
  const parent = slash === -1 ? '.' : cleanPath(path.slice(0, slash + 1)); // Go's filepath.Dir
  let info: MatchInfo | undefined;
  if (parent !== '.') {
    const dirs = parent.split('/');
    for (let i = 1; i <= dirs.length; i++) info = matcher.match(dirs.slice(0, i).join('/'), info).info;
  }
  return matcher.match(path, info).excluded;
}

type Expect = 'exact' | 'inexact' | 'fail';

// patternmatcher_test.go's TestMatches: 'exact' matches the path itself, 'inexact' only through a parent.
const single: Array<[string, string, Expect]> = [
  ['**', 'file', 'exact'],
  ['**', 'file/', 'exact'],
  ['**/', 'file', 'exact'],
  ['**/', 'file/', 'exact'],
  ['**', '/', 'exact'],
  ['**/', '/', 'exact'],
  ['**', 'dir/file', 'exact'],
  ['**/', 'dir/file', 'exact'],
  ['**', 'dir/file/', 'exact'],
  ['**/', 'dir/file/', 'exact'],
  ['**/**', 'dir/file', 'exact'],
  ['**/**', 'dir/file/', 'exact'],
  ['dir/**', 'dir/file', 'exact'],
  ['dir/**', 'dir/file/', 'exact'],
  ['dir/**', 'dir/dir2/file', 'exact'],
  ['dir/**', 'dir/dir2/file/', 'exact'],
  ['**/dir', 'dir', 'exact'],
  ['**/dir', 'dir/file', 'inexact'],
  ['**/dir2/*', 'dir/dir2/file', 'exact'],
  ['**/dir2/*', 'dir/dir2/file/', 'inexact'],
  ['**/dir2/**', 'dir/dir2/dir3/file', 'exact'],
  ['**/dir2/**', 'dir/dir2/dir3/file/', 'exact'],
  ['**file', 'file', 'exact'],
  ['**file', 'dir/file', 'exact'],
  ['**/file', 'dir/file', 'exact'],
  ['**file', 'dir/dir/file', 'exact'],
  ['**/file', 'dir/dir/file', 'exact'],
  ['**/file*', 'dir/dir/file', 'exact'],
  ['**/file*', 'dir/dir/file.txt', 'exact'],
  ['**/file*txt', 'dir/dir/file.txt', 'exact'],
  ['**/file*.txt', 'dir/dir/file.txt', 'exact'],
  ['**/file*.txt*', 'dir/dir/file.txt', 'exact'],
  ['**/**/*.txt', 'dir/dir/file.txt', 'exact'],
  ['**/**/*.txt2', 'dir/dir/file.txt', 'fail'],
  ['**/*.txt', 'file.txt', 'exact'],
  ['**/**/*.txt', 'file.txt', 'exact'],
  ['a**/*.txt', 'a/file.txt', 'exact'],
  ['a**/*.txt', 'a/dir/file.txt', 'exact'],
  ['a**/*.txt', 'a/dir/dir/file.txt', 'exact'],
  ['a/*.txt', 'a/dir/file.txt', 'fail'],
  ['a/*.txt', 'a/file.txt', 'exact'],
  ['a/*.txt**', 'a/file.txt', 'exact'],
  ['a[b-d]e', 'ae', 'fail'],
  ['a[b-d]e', 'ace', 'exact'],
  ['a[b-d]e', 'aae', 'fail'],
  ['a[^b-d]e', 'aze', 'exact'],
  ['.*', '.foo', 'exact'],
  ['.*', 'foo', 'fail'],
  ['abc.def', 'abcdef', 'fail'],
  ['abc.def', 'abc.def', 'exact'],
  ['abc.def', 'abcZdef', 'fail'],
  ['abc?def', 'abcZdef', 'exact'],
  ['abc?def', 'abcdef', 'fail'],
  ['**/foo/bar', 'foo/bar', 'exact'],
  ['**/foo/bar', 'dir/foo/bar', 'exact'],
  ['**/foo/bar', 'dir/dir2/foo/bar', 'exact'],
  ['abc/**', 'abc', 'fail'],
  ['abc/**', 'abc/def', 'exact'],
  ['abc/**', 'abc/def/ghi', 'exact'],
  ['**/.foo', '.foo', 'exact'],
  ['**/.foo', 'bar.foo', 'fail'],
  ['a(b)c/def', 'a(b)c/def', 'exact'],
  ['a(b)c/def', 'a(b)c/xyz', 'fail'],
  ['a.|)$(}+{bc', 'a.|)$(}+{bc', 'exact'],
  ['dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'exact'],
  ['a\\\\', 'a\\', 'exact'],
  ['a\\*b', 'a*b', 'exact'],
  // patternmatcher's match kinds: '**' then literal text is a suffix, not a directory boundary.
  ['**file', 'barfile', 'exact'],
  ['**/file', 'barfile', 'fail'],
];

const multiple: Array<[string[], string, Expect]> = [
  [['**', '!util/docker/web'], 'util/docker/web/foo', 'fail'],
  [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', 'exact'],
  [['**', '!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'fail'],
  [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', 'fail'],
];

test('patternmatcher TestMatches: the path itself, through its parents, and down a walk', () => {
  for (const [pattern, path, expect] of single) {
    const label = `${pattern} ~ ${path}`;
    assert.equal(exactly([pattern], path), expect === 'exact', `exact: ${label}`);
    assert.equal(new IgnoreMatcher([pattern]).excludes(path), expect !== 'fail', `or parent: ${label}`);
    assert.equal(walking([pattern], path), expect !== 'fail', `walking: ${label}`);
    assert.equal(new IgnoreMatcher([pattern]).match(path).excluded, expect !== 'fail', `no context: ${label}`);
  }
  for (const [patterns, path, expect] of multiple) {
    const label = `${patterns.join(',')} ~ ${path}`;
    assert.equal(new IgnoreMatcher(patterns).excludes(path), expect !== 'fail', `or parent: ${label}`);
    assert.equal(walking(patterns, path), expect !== 'fail', `walking: ${label}`);
  }
});

test("patternmatcher TestMatch: Go's filepath.Match table through Matches", () => {
  // As filepath.Match, but a match of a parent directory excludes what is below it.
  const cases = goMatchCases.map(([pattern, path, match]): [string, string, boolean] => [pattern, path, match || (pattern === 'a*' && path === 'ab/c')]);
  for (const [pattern, path, match] of cases) assert.equal(new IgnoreMatcher([pattern]).excludes(path), match, `${pattern} ~ ${path}`);
  for (const pattern of ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[']) {
    assert.throws(() => new IgnoreMatcher([pattern]), InvalidArgument, pattern);
  }
});

test('patternmatcher: "!" alone is refused, blank patterns skipped, "." never excludes the context', () => {
  assert.throws(() => new IgnoreMatcher(['!']), /illegal exclusion pattern: "!"/);
  assert.throws(() => new IgnoreMatcher(parseDockerignore('docs\n!\n')), InvalidArgument);
  assert.ok(new IgnoreMatcher(['docs', '', '  ']).excludes('docs/x'));
  assert.ok(!new IgnoreMatcher(['*.go']).excludes('.'));
  assert.ok(!new IgnoreMatcher([]).excludes('anything'));
  // Go's regexp refuses a reversed range where filepath.Match accepts it; patternmatcher then fails.
  assert.throws(() => new IgnoreMatcher(['[Local-Only]/']), InvalidArgument);
});

test('patternmatcher: a folder with an exception below it', () => {
  for (const folder of ['docs', 'docs/', 'docs/*']) {
    const matcher = new IgnoreMatcher([folder, '!docs/README.md']);
    assert.ok(!matcher.excludes('docs/README.md'), folder);
    assert.ok(matcher.excludes('docs/other.md'), folder);
  }
  assert.ok(new IgnoreMatcher(['!fileutils.go', '*.go']).excludes('fileutils.go'));
  assert.ok(!new IgnoreMatcher(['*.go', '!fileutils.go']).excludes('fileutils.go'));
  assert.ok(new IgnoreMatcher(['  !docs/README.md  ', 'docs']).excludes('docs/README.md'));
});

test("Docker's documentation: the example .dockerignore", () => {
  const matcher = new IgnoreMatcher(parseDockerignore('# comment\n*/temp*\n*/*/temp*\ntemp?\n'));
  for (const path of ['somedir/temporary.txt', 'somedir/temp', 'somedir/subdir/temporary.txt', 'tempa', 'tempb', 'somedir/temp/file']) {
    assert.ok(matcher.excludes(path), path);
  }
  for (const path of ['temp', 'tempab', 'temporary.txt', 'a/b/c/temp', '# comment', 'somedir']) assert.ok(!matcher.excludes(path), path);
});

test("Docker's documentation: ** and exceptions, the last matching line wins", () => {
  const go = new IgnoreMatcher(['**/*.go']);
  for (const path of ['main.go', 'a/b/c.go', 'vendor/x/y/z.go']) assert.ok(go.excludes(path), path);
  assert.ok(!go.excludes('main.gox'));

  const readme = new IgnoreMatcher(['*.md', '!README.md']);
  assert.ok(readme.excludes('CHANGES.md'));
  assert.ok(!readme.excludes('README.md'));

  const secret = new IgnoreMatcher(['*.md', '!README*.md', 'README-secret.md']);
  assert.ok(secret.excludes('CHANGES.md'));
  assert.ok(!secret.excludes('README-public.md'));
  assert.ok(secret.excludes('README-secret.md'));

  const noEffect = new IgnoreMatcher(['*.md', 'README-secret.md', '!README*.md']);
  assert.ok(!noEffect.excludes('README-secret.md'));
  assert.ok(noEffect.excludes('CHANGES.md'));

  // A leading '/' is the context's root; '.' and '..' are cleaned away.
  const rooted = new IgnoreMatcher(parseDockerignore('/build\n./tmp/../cache\n'));
  assert.ok(rooted.excludes('build/out'));
  assert.ok(rooted.excludes('cache'));
  assert.ok(!rooted.excludes('src/build'));
});

test('a walk asks with the parent results, which can differ from asking with every parent (as in Docker)', () => {
  const patterns = ['x', '!x/y', 'x'];
  assert.ok(new IgnoreMatcher(patterns).excludes('x/y/z'));
  assert.ok(!walking(patterns, 'x/y/z'));
});

test("fsutil: an excluded directory is walked only if an exception may reach below it", () => {
  assert.ok(!new IgnoreMatcher(['docs']).mayIncludeBelow('docs'));
  const prefix = new IgnoreMatcher(['docs', 'build', '!docs/keep/me.md', '!build/**']);
  assert.ok(prefix.mayIncludeBelow('docs'));
  assert.ok(prefix.mayIncludeBelow('docs/keep'));
  assert.ok(!prefix.mayIncludeBelow('docs/other'));
  assert.ok(prefix.mayIncludeBelow('build'));
  // An exception with a wildcard might match anywhere: every excluded directory is walked.
  const wildcard = new IgnoreMatcher(['docs', 'node_modules', '!**/*.md']);
  assert.ok(wildcard.mayIncludeBelow('docs'));
  assert.ok(wildcard.mayIncludeBelow('node_modules'));
});

test('the docker CLI sends .dockerignore and the Dockerfile even when ignored', () => {
  assert.deepEqual(keepBuildFiles(['*.md'], 'Dockerfile'), ['*.md']);
  assert.deepEqual(keepBuildFiles(['.dockerignore', 'Dockerfile'], 'Dockerfile'), ['.dockerignore', 'Dockerfile', '!.dockerignore', '!Dockerfile']);
  assert.deepEqual(keepBuildFiles(['*'], 'build/Dockerfile.dev'), ['*', '!.dockerignore', '!build/Dockerfile.dev']);
  assert.deepEqual(keepBuildFiles(['**/ci'], 'a/b/ci/Dockerfile'), ['**/ci', '!a/b/ci/Dockerfile']);
  assert.deepEqual(keepBuildFiles(['*'], null), ['*', '!.dockerignore']);
  const kept = new IgnoreMatcher(keepBuildFiles(['build'], './build/Dockerfile'));
  assert.ok(!kept.excludes('build/Dockerfile'));
  assert.ok(kept.excludes('build/other'));
});
