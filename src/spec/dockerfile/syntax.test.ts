// A logical line split as BuildKit's parser splits it: name, flags, and
// arguments in each instruction's form; heredoc markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { chompHeredoc, heredocMarker, heredocMarkers } from './heredoc.js';
import { parseSyntax, takesHeredocs } from './syntax.js';
import { splitFlags, splitWords } from './words.js';

test('splitFlags: leading --flags, quotes and backslashes removed; `--` ends them', () => {
  assert.deepEqual(splitFlags('--from=build --chown="a b" src dst'), { flags: ['--from=build', '--chown=a b'], rest: 'src dst' });
  assert.deepEqual(splitFlags("--a='x y'z --b=\\\"q\\\" -c d"), { flags: ['--a=x yz', '--b="q"'], rest: '-c d' });
  assert.deepEqual(splitFlags('--link -- --not-a-flag x'), { flags: ['--link'], rest: ' --not-a-flag x' });
  assert.deepEqual(splitFlags('--a=""'), { flags: ['--a='], rest: '' });
  assert.deepEqual(splitFlags('--a'), { flags: ['--a'], rest: '' });
  assert.deepEqual(splitFlags('--'), { flags: [], rest: '' });
  assert.deepEqual(splitFlags('echo --a'), { flags: [], rest: 'echo --a' });
  // A value needs `=`: the next word is no value.
  assert.deepEqual(splitFlags('--mount type=cache echo'), { flags: ['--mount'], rest: 'type=cache echo' });
});

test('splitWords keeps quotes and escapes, splits on unquoted blanks', () => {
  assert.deepEqual(splitWords('a="b c" d=e\\ f g=\'h i\'', '\\'), ['a="b c"', 'd=e\\ f', "g='h i'"]);
  assert.deepEqual(splitWords('a="b \\" c" d', '\\'), ['a="b \\" c"', 'd']);
  assert.deepEqual(splitWords("a='b \\' c", '\\'), ["a='b \\'", 'c']);
  assert.deepEqual(splitWords('x=""  y= z', '\\'), ['x=""', 'y=', 'z']);
  // With the backtick escape, `" is no quote and `<space> no blank.
  assert.deepEqual(splitWords('a=b `"c d` e\\', '`'), ['a=b', '`"c', 'd` e\\']);
  assert.deepEqual(splitWords('a="unterminated b', '\\'), ['a="unterminated b']);
  assert.deepEqual(splitWords('trailing\\', '\\'), ['trailing']);
});

function node(line: string, escape = '\\') {
  const { command, flags, args, json } = parseSyntax(line, escape);
  return { command, flags, args, json };
}

test('exec form is a JSON array of strings; anything else is shell form', () => {
  assert.deepEqual(node('RUN ["echo", "a b"]'), { command: 'RUN', flags: [], args: ['echo', 'a b'], json: true });
  assert.deepEqual(node('cmd  echo "a b"  '), { command: 'cmd', flags: [], args: ['echo "a b"'], json: false });
  assert.deepEqual(node('CMD ["echo","hi"] # c').args, ['["echo","hi"] # c']);
  assert.deepEqual(node("ENTRYPOINT ['a','b']").json, false);
  assert.deepEqual(node('RUN ["c:\\x"]').json, false);
  assert.deepEqual(node('SHELL []'), { command: 'SHELL', flags: [], args: [], json: true });
  assert.deepEqual(node('RUN'), { command: 'RUN', flags: [], args: [], json: false });
  assert.throws(() => node('CMD ["a", 1]'), (err: Error) => err instanceof InvalidArgument && err.message === 'when using JSON array syntax, arrays must be comprised of strings only');
});

test('COPY, ADD, VOLUME: JSON, or whitespace-separated words', () => {
  assert.deepEqual(node('COPY --chown=1 ["a b", "/c"]'), { command: 'COPY', flags: ['--chown=1'], args: ['a b', '/c'], json: true });
  assert.deepEqual(node('ADD a\t b   /c'), { command: 'ADD', flags: [], args: ['a', 'b', '/c'], json: false });
  assert.deepEqual(node('VOLUME /a "/b c"').args, ['/a', '"/b', 'c"']);
  assert.deepEqual(node('FROM --platform=linux/amd64 img AS x').args, ['img', 'AS', 'x']);
});

test('ENV and LABEL: key=value words, or the legacy `KEY value`', () => {
  assert.deepEqual(node('ENV A=1 B="2 3" C=').args, ['A', '1', 'B', '"2 3"', 'C', '']);
  assert.deepEqual(node('ENV PATH /usr/bin:$PATH extra').args, ['PATH', '/usr/bin:$PATH extra']);
  assert.deepEqual(node('LABEL "a b"="c d"').args, ['"a b"', '"c d"']);
  assert.deepEqual(node('ENV').args, []);
  assert.throws(() => node('ENV A'), { message: 'ENV must have two arguments' });
  assert.throws(() => node('LABEL A'), { message: 'LABEL must have two arguments' });
  assert.throws(() => node('ENV A=1 B'), { message: 'Syntax error - can\'t find = in "B". Must be of the form: name=value' });
});

test('ARG words, whole-line USER/WORKDIR/STOPSIGNAL/MAINTAINER, HEALTHCHECK, ONBUILD', () => {
  assert.deepEqual(node('ARG a b=1 c="x y"').args, ['a', 'b=1', 'c="x y"']);
  assert.deepEqual(node('WORKDIR "/a b"  ').args, ['"/a b"']);
  assert.deepEqual(node('USER').args, []);
  assert.deepEqual(node('HEALTHCHECK --interval=5s CMD ["curl", "x"]'), { command: 'HEALTHCHECK', flags: ['--interval=5s'], args: ['CMD', 'curl', 'x'], json: true });
  assert.deepEqual(node('HEALTHCHECK CMD   curl x'), { command: 'HEALTHCHECK', flags: [], args: ['CMD', 'curl x'], json: false });
  assert.deepEqual(node('HEALTHCHECK NONE').args, ['NONE']);
  const onbuild = parseSyntax('ONBUILD RUN --mount=type=cache,target=/c ["make"]', '\\');
  assert.deepEqual(onbuild.args, ['RUN', 'make']);
  assert.deepEqual(onbuild.trigger && { ...onbuild.trigger }, {
    command: 'RUN',
    flags: ['--mount=type=cache,target=/c'],
    args: ['make'],
    json: true,
    original: 'RUN --mount=type=cache,target=/c ["make"]',
  });
  // Unknown instructions parse, without arguments.
  assert.deepEqual(node('FOO --x bar'), { command: 'FOO', flags: ['--x'], args: [], json: false });
});

test('takesHeredocs: RUN, COPY, ADD and ONBUILD of them, not in exec form', () => {
  for (const line of ['RUN <<EOF', 'copy <<EOF /x', 'ADD <<EOF /x', 'ONBUILD RUN <<EOF']) assert.equal(takesHeredocs(parseSyntax(line, '\\')), true, line);
  for (const line of ['RUN ["<<EOF"]', 'CMD <<EOF', 'ONBUILD CMD <<EOF', 'ONBUILD']) assert.equal(takesHeredocs(parseSyntax(line, '\\')), false, line);
});

test('heredoc markers: name, quoting, chomp', () => {
  assert.deepEqual(heredocMarker('<<EOF'), { name: 'EOF', expand: true, chomp: false });
  assert.deepEqual(heredocMarker('<<-EOF'), { name: 'EOF', expand: true, chomp: true });
  assert.deepEqual(heredocMarker('<<"EOF"'), { name: 'EOF', expand: false, chomp: false });
  assert.deepEqual(heredocMarker("<<-'E O'"), { name: 'E O', expand: false, chomp: true });
  assert.deepEqual(heredocMarker('<<E"O"F'), { name: 'EOF', expand: false, chomp: false });
  assert.deepEqual(heredocMarker('3<<EOF'), { name: 'EOF', expand: true, chomp: false });
  for (const word of ['<<', 'cat<<EOF', '<<<EOF', 'EOF', '<<a b']) assert.equal(heredocMarker(word), undefined, word);
  assert.throws(() => heredocMarker('<<"EOF'), InvalidArgument);
});

test('heredocMarkers: every marker of a line, in order', () => {
  assert.deepEqual(heredocMarkers('RUN python3 <<EOF > /out <<-"END"').map((h) => h.name), ['EOF', 'END']);
  assert.deepEqual(heredocMarkers('COPY <<a <<b /dest/').map((h) => h.name), ['a', 'b']);
  assert.deepEqual(heredocMarkers('RUN echo "<<EOF" \\<<X'), []);
  assert.deepEqual(heredocMarkers('RUN echo "unterminated <<EOF'), []);
});

test('chompHeredoc strips leading tabs of every line only', () => {
  assert.equal(chompHeredoc('\t\ta\n \tb\n\tc\td\n'), 'a\n \tb\nc\td\n');
});
