// Instructions grouped into stages, and the global ARGs before them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParseError } from './errors.js';
import { parseDockerfile } from './parse.js';

test('stages start at each FROM; ARGs before the first are global', () => {
  const df = parseDockerfile('ARG A=1\nARG B\nFROM a AS One\nARG A\nRUN x\nFROM one\nCOPY --from=one / /\n');
  assert.deepEqual(df.metaArgs.map((a) => a.args), [[{ name: 'A', value: '1' }], [{ name: 'B' }]]);
  assert.deepEqual(
    df.stages.map((s) => [s.name, s.from.image, s.instructions.map((i) => i.kind)]),
    [
      ['one', 'a', ['ARG', 'RUN']],
      [undefined, 'one', ['COPY']],
    ],
  );
  assert.equal('name' in df.stages[1]!, false);
});

test('only ARG may come before the first FROM', () => {
  assert.throws(() => parseDockerfile('ARG A\nRUN x\nFROM a'), {
    constructor: DockerfileParseError,
    line: 2,
    message: 'dockerfile parse error on line 2: no build stage in current context',
  });
  assert.throws(() => parseDockerfile('# c\nARG A\nARG B \\\n  C'), {
    line: 3,
    endLine: 4,
    message: 'dockerfile parse error on line 3: dockerfile contains no stages to build',
  });
});

test('stage names are unique, whatever their case', () => {
  assert.throws(() => parseDockerfile('FROM a AS x\nFROM b AS y\nFROM c AS X'), {
    line: 3,
    message: 'dockerfile parse error on line 3: duplicate name x',
  });
});
