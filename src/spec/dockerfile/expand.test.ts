// Variable substitution, checked against the cases of BuildKit's shell
// lexer tests (envVarTest, wordsTest, TestProcessWithMatches).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { expandHeredoc, expandWord, expandWords, lex } from './expand.js';

const env = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };

test('expandWord: quotes, escapes and plain variables', () => {
  const cases: [string, string][] = [
    ['hello', 'hello'],
    ["he'll'o", 'hello'],
    ["he\\'llo", "he'llo"],
    ['abc\\tdef', 'abctdef'],
    ['"abc\\tdef"', 'abc\\tdef'],
    ['"abc\\\\tdef"', 'abc\\tdef'],
    ["'abc\\tdef'", 'abc\\tdef'],
    ['hello\\', 'hello'],
    ['hello\\\\', 'hello\\'],
    ['"hel\'lo"', "hel'lo"],
    ["'hello\\'", 'hello\\'],
    ['"\'\'"', "''"],
    ['$.', '$.'],
    ['he$1x', 'hex'],
    ['he$.x', 'he$.x'],
    ['he$pwd.', 'he.'],
    ['he$PWD', 'he/home'],
    ['he\\$PWD', 'he$PWD'],
    ['he\\\\$PWD', 'he\\/home'],
    ['"he\\$PWD"', 'he$PWD'],
    ['"he\\\\$PWD"', 'he\\/home'],
    ['\\${}', '${}'],
    ['he\\${}xx', 'he${}xx'],
    ['he${hi}xx', 'hexx'],
    ['he${PWD}', 'he/home'],
    ["'he${XX}'", 'he${XX}'],
    ['"he${PWD}"', 'he/home'],
    ['"he\'$PWD\'"', "he'/home'"],
    ["'$PWD'", '$PWD'],
    ["'\\$PWD'", '\\$PWD'],
    ['\'"hello"\'', '"hello"'],
    ['$KOREAN', '한국어'],
    ['안녕$KOREAN', '안녕한국어'],
    ['"안녕\\$PWD"', '안녕$PWD'],
    ['${aaa}}', '}'],
    ['${aaa}}}', '}}'],
    ['$$', ''],
    ['$@x', 'x'],
    ['"a\\nb"', 'a\\nb'],
  ];
  for (const [input, expected] of cases) assert.equal(expandWord(input, env), expected, input);
});

test('expandWord: ${var} forms with - + ? and their : variants', () => {
  const cases: [string, string][] = [
    ['he${XXX:-000}xx', 'he000xx'],
    ['he${PWD:-000}xx', 'he/homexx'],
    ['he${XXX:-$PWD}xx', 'he/homexx'],
    ['he${XXX:-${PWD:-yyy}}xx', 'he/homexx'],
    ['he${XXX:-${YYY:-yyy}}xx', 'heyyyxx'],
    ['he${PWD?}', 'he/home'],
    ['he${PWD:?}', 'he/home'],
    ['he${NULL?}', 'he'],
    ['he${XXX:+${PWD}}xx', 'hexx'],
    ['he${PWD:+${XXX}}xx', 'hexx'],
    ['he${PWD:+${SHELL}}xx', 'hebashxx'],
    ['he${XXX:+000}xx', 'hexx'],
    ['he${PWD:+000}xx', 'he000xx'],
    ['he${PWD+000}xx', 'he000xx'],
    ['he${PWD-000}xx', 'he/homexx'],
    ['he${XXX+000}xx', 'hexx'],
    ['he${XXX-000}xx', 'he000xx'],
    ['he${NULL-000}xx', 'hexx'],
    ['he${NULL:-000}xx', 'he000xx'],
    ['he${NULL+000}xx', 'he000xx'],
    ['he${NULL:+000}xx', 'hexx'],
    ['he${NULL?000}xx', 'hexx'],
    ['he${PWD?000}xx', 'he/homexx'],
    ['${XXX:-"a b"}', 'a b'],
    ['${XXX:-a\\}b}', 'a}b'],
  ];
  for (const [input, expected] of cases) assert.equal(expandWord(input, env), expected, input);
});

test('expandWord: errors, with BuildKit messages', () => {
  const cases: [string, string][] = [
    ["he'llo", 'failed to process "he\'llo": unexpected end of statement while looking for matching single-quote'],
    ['"hello', 'failed to process "\\"hello": unexpected end of statement while looking for matching double-quote'],
    ['"hello\\"', 'unexpected end of statement while looking for matching double-quote'],
    ['${}', 'syntax error: bad substitution'],
    ['he${}xx', 'syntax error: bad substitution'],
    ['${{aaa}', 'syntax error: bad substitution'],
    ['${:x}', 'syntax error: bad substitution'],
    ['he${.}', 'unsupported modifier (.) in substitution'],
    ['he${XXX:YYY}', 'unsupported modifier (:Y) in substitution'],
    ['he${PWD=000}xx', 'unsupported modifier (=) in substitution'],
    ['he${PWD:=000}xx', 'unsupported modifier (:=) in substitution'],
    ['${', "syntax error: missing '}'"],
    ['he${PWD:-000', "syntax error: missing '}'"],
    ['he${PWD', 'unsupported modifier (\uFFFD) in substitution'],
    ['he${XXX?}', 'XXX: is not allowed to be unset'],
    ['he${XXX:?}', 'XXX: is not allowed to be unset'],
    ['he${NULL:?}', 'NULL: is not allowed to be empty'],
    ['he${XXX?000}xx', 'XXX: 000'],
    ['he${NULL:?must be set $SHELL}', 'NULL: must be set bash'],
    ['${FOO:#}', 'unsupported modifier (:#) in substitution'],
    ['${FOO:%%}', 'unsupported modifier (:%) in substitution'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => expandWord(input, env), (err: Error) => err instanceof InvalidArgument && err.message.endsWith(message), input);
  }
  assert.throws(() => expandWord('${X?oops}', {}), { message: 'failed to process "${X?oops}": X: oops' });
});

test('expandWord: # % / patterns', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['${FOO#()[]{\\}^$.\\*\\?|\\\\}', { FOO: '()[]{}^$.*?|\\x' }, 'x'],
    ['${FOO%%\\**}', { FOO: 'xx**' }, 'xx'],
    ['${FOO#*x*y}', { FOO: 'xxyy' }, 'y'],
    ['${FOO#*}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO#$BAR}', { FOO: 'xxyy', BAR: 'x' }, 'xyy'],
    ['${FOO#$BAR}', { FOO: 'xxyy', BAR: '' }, 'xxyy'],
    ['${FOO#}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO##*x}', { FOO: 'xxyy' }, 'yy'],
    ['${FOO##}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO#?\\?}', { FOO: '???y' }, '?y'],
    ['${ABC:-.}${FOO%x}${ABC:-.}', { FOO: 'xxyy' }, '.xxyy.'],
    ['${FOO%%\\**\\*}', { FOO: 'a***yy*' }, 'a'],
    ['${FOO%}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO%y*}', { FOO: 'xxyy' }, 'xxy'],
    ['${FOO%%y*}', { FOO: 'xxyy' }, 'xx'],
    ['${FOO%.*}', { FOO: 'file.tar.gz' }, 'file.tar'],
    ['${FOO%%.*}', { FOO: 'file.tar.gz' }, 'file'],
    ['${FOO#*/}', { FOO: 'a/b/c' }, 'b/c'],
    ['${FOO##*/}', { FOO: 'a/b/c' }, 'c'],
    ['${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}', { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' }, '/foo.*/*.txt - /foo..*.txt'],
    ['${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}', { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' }, '/tmp/bar.txt - /bar.txt'],
    ['${FOO/$NEEDLE/$R} - ${FOO//$NEEDLE/$R}', { FOO: '/a/foo/b/c.txt', NEEDLE: '/?/', R: '/' }, '/foo/b/c.txt - /foo/c.txt'],
    ['${FOO/$NEEDLE/$R}', { FOO: 'http://google.de', NEEDLE: 'http://', R: 'https://' }, 'https://google.de'],
    ['${FOO//\\//\\/}', { FOO: '/tmp/foo.txt' }, '\\/tmp\\/foo.txt'],
    ['${FOO/$BAR/ww}', { FOO: 'xxyy', BAR: '' }, 'wwxxyy'],
    ['${FOO///}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO///}', {}, ''],
    ['${FOO/x*/z}', { FOO: 'axbxc' }, 'az'],
    // Go's ReplaceAll reads `$` in the replacement: `$$` is `$`, `$0` the match.
    ['${FOO//b/$R}', { FOO: 'abab', R: '[$0$$]' }, 'a[b$]a[b$]'],
    ['${FOO/b/$R}', { FOO: 'abab', R: '[$0]' }, 'a[$0]ab'],
  ];
  for (const [input, vars, expected] of cases) assert.equal(expandWord(input, vars), expected, input);
  for (const [input, message] of [
    ['${FOO//ww}', "syntax error: missing '/' in ${}"],
    ['${FOO//}', "syntax error: missing '/' in ${}"],
    ['${FOO#$P}', 'invalid pattern (\\) in substitution: invalid escape \'\\\uFFFD\''],
    ['${FOO#a$P}', "invalid pattern (a\\x) in substitution: invalid escape '\\x'"],
  ] as const) {
    assert.throws(() => expandWord(input, { FOO: 'v', P: message.includes('\\x') ? '\\x' : '\\' }), (err: Error) => err.message.endsWith(message), input);
  }
});

test('expandWords splits expanded text on blanks, not quoted text', () => {
  const vars = { hi: 'hi', space: 'abc  def', leading: '  ab c', trailing: 'ab c   ' };
  const cases: [string, string[]][] = [
    ['hello', ['hello']],
    ['hello${hi}bye', ['hellohibye']],
    ['hello${space}bye', ['helloabc', 'defbye']],
    ['hello"${space}"bye', ['helloabc  defbye']],
    ['hello "${space}"bye', ['hello', 'abc  defbye']],
    ['hello${leading}def', ['hello', 'ab', 'cdef']],
    ['hello"${leading}" def', ['hello  ab c', 'def']],
    ['hello${trailing}d', ['helloab', 'c', 'd']],
    ['hel"lo${trailing}"', ['helloab c   ']],
    ['hello" there  "', ['hello there  ']],
    ['hello there', ['hello', 'there']],
    ['hello\\ there', ['hello there']],
    ['hello\\" there', ['hello"', 'there']],
    ['hello"\\\\there"', ['hello\\there']],
    ["hello'\\there'", ['hello\\there']],
    ["hello'$there'", ['hello$there']],
    ['a "" b', ['a', 'b']],
    ['80 ${PORTS}', ['80', '443', '8080']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(expandWords(input, { ...vars, PORTS: '443 8080' }), expected, input);
  assert.throws(() => expandWords('hello" there', vars), InvalidArgument);
});

test('the escape directive: a backtick escapes, a backslash is plain', () => {
  assert.equal(expandWord('c:\\dir\\`$X', { X: 'x' }, '`'), 'c:\\dir\\$X');
  assert.equal(expandWord('"a`"b"', {}, '`'), 'a"b');
  assert.equal(expandWord('\\$X', { X: 'x' }, '`'), '\\x');
});

test('env may be a Map, and only own keys count', () => {
  assert.equal(expandWord('$A-${B:-b}', new Map([['A', 'a']])), 'a-b');
  assert.equal(expandWord('${constructor:-unset}', {}), 'unset');
});

test('expandHeredoc: variables and escapes, quotes are ordinary', () => {
  assert.equal(expandHeredoc('echo "$A" \'$A\'\nprintf "a\\nb"\n', { A: 'x' }), 'echo "x" \'x\'\nprintf "anb"\n');
  assert.equal(expandHeredoc('cost: \\$5\n', {}), 'cost: $5\n');
});

test('lex options used to find heredocs keep the text as written', () => {
  const options = { escape: '\\', rawQuotes: true, rawEscapes: true, skipUnsetEnv: true };
  assert.deepEqual(lex('RUN cat <<"EOF" > $OUT \\x', {}, options).words, ['RUN', 'cat', '<<"EOF"', '>', '$OUT', '\\x']);
  assert.deepEqual(lex('${A:-b} ${A} ${A?m} ${A/x/y}', {}, options).words, ['${A:-b}', '${A}', '${A?m}', '${A/x/y}']);
});
