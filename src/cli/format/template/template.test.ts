import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImageSummary } from '../../../spec/docker/index.js';
import { renderImages } from '../../commands/images.js';
import { GoMap, GoNil, GoStruct } from '../go-value.js';
import { recording } from '../testdata/docker-recording.js';
import { expected, outcome, parseRecorded, restoreClock, useRecordingClock } from '../testdata/replay.js';
import { basicFunctions } from './docker-functions.js';
import { Template, TemplateError } from './template.js';

const run = (text: string, data: unknown = {}): string => Template.parse(text, basicFunctions).execute(data as never);

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof TemplateError, String(err));
    return err.message;
  }
  assert.fail('no error');
}

describe('Go templates in --format, as docker 28 ran them', () => {
  before(useRecordingClock);
  after(restoreClock);
  for (const r of recording.cases.templates) {
    it(r.args[2] as string, async () => {
      const { flags } = parseRecorded(r.args);
      assert.deepEqual(await outcome(() => renderImages(flags, recording.templateImages as ImageSummary[])), expected(r));
    });
  }
});

describe('Go template details', () => {
  it('prints Go values: slices, sorted maps, nil, structs', () => {
    const data = {
      list: ['a', 'b'],
      map: { z: 1, a: 'x' },
      nothing: null,
      typed: new GoMap('map[string]string', { k: 'v' }, ''),
      nilSlice: new GoNil('slice', '[]string'),
      struct: new GoStruct('t', [
        { name: 'A', value: 'x' },
        { name: 'B', value: 2 },
      ]),
    };
    assert.equal(run('{{.list}} {{.map}} {{.nothing}} {{.missing}} {{.typed}} {{.nilSlice}} {{.struct}}', data), '[a b] map[a:x z:1] <no value> <no value> map[k:v] [] {x 2}');
    assert.equal(run('{{.typed.absent}}|{{index .typed "absent"}}', data), '|');
    assert.equal(run('{{json .map}} {{json .nilSlice}} {{json .struct}}', data), '{"a":"x","z":1} null {"A":"x","B":2}');
  });

  it('fails on missing keys only with missingkey=error', () => {
    const t = Template.parse('{{.a.b}}', basicFunctions);
    assert.equal(t.execute({ a: {} }), '<no value>');
    assert.equal(
      failure(() => t.execute({ a: {} }, { missingKey: 'error' })),
      'template: :1:4: executing "" at <.a.b>: map has no entry for key "b"',
    );
  });

  it('keeps the output written before an error', () => {
    const err = (() => {
      try {
        run('abc{{.x}}{{len 3}}', { x: 'X' });
      } catch (e) {
        return e as TemplateError;
      }
      throw new Error('no error');
    })();
    assert.equal(err.partial, 'abcX');
    assert.equal(err.message, 'template: :1:11: executing "" at <len 3>: error calling len: len of type int');
  });

  it('names the template in messages when it has a name', () => {
    assert.equal(
      failure(() => Template.parse('{{.A', basicFunctions, 'version')),
      'template: version:1: unclosed action',
    );
    assert.equal(
      failure(() => Template.parse('x\n{{.A.B}}', basicFunctions, 'version').execute({ A: 'a' })),
      'template: version:2:4: executing "version" at <.A.B>: can\'t evaluate field B in type string',
    );
  });

  it('reports parse errors with the line of the token', () => {
    assert.equal(failure(() => run('a\nb\n{{if .A}}')), 'template: :3: unexpected EOF');
    assert.equal(failure(() => run('{{break}}')), 'template: :1: {{break}} outside {{range}}');
    assert.equal(failure(() => run('{{.A | "x"}}')), 'template: :1: non executable command in pipeline stage 2');
    assert.equal(failure(() => run('{{"x".A}}')), 'template: :1: unexpected . after term "\\"x\\""');
  });

  it('scopes variables to their control structure', () => {
    assert.equal(run('{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{$y}}{{end}}{{$x}}'), '32');
    assert.equal(failure(() => run('{{if true}}{{$y := 3}}{{end}}{{$y}}')), 'template: :1: undefined variable "$y"');
    assert.equal(run('{{range $k, $v := .}}{{$k}}={{$v}},{{end}}', { b: 2, a: 1 }), 'a=1,b=2,');
  });
});
