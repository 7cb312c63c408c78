// RUN --mount values, --device values and the CSV they are written in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { csvFields } from './csv.js';
import { expandWord } from './expand.js';
import { checkMount, parseMount, type RunMount } from './mounts.js';
import { runFlags } from './run.js';

const literal = (value: string): string => value;

test('csvFields reads one record as go-csvvalue does', () => {
  assert.deepEqual(csvFields('a,b=c'), ['a', 'b=c']);
  assert.deepEqual(csvFields('a,'), ['a', '']);
  assert.deepEqual(csvFields('"a,b","c""d",e\n'), ['a,b', 'c"d', 'e']);
  assert.deepEqual(csvFields('"a",'), ['a', '']);
  assert.throws(() => csvFields(''), { message: 'EOF' });
  assert.throws(() => csvFields('ab,c"d'), { message: 'parse error on line 1, column 5: bare " in non-quoted-field' });
  assert.throws(() => csvFields('é,"x"y'), { message: 'parse error on line 1, column 6: extraneous or missing " in quoted-field' });
  assert.throws(() => csvFields('a,"bc'), { message: 'parse error on line 1, column 4: extraneous or missing " in quoted-field' });
});

test('parseMount: each type with its options and defaults', () => {
  const cases: [string, RunMount][] = [
    ['target=/src', { type: 'bind', target: '/src', readOnly: true, required: false }],
    ['type=bind,from=build,source=/out,dst=/in,rw', { type: 'bind', from: 'build', source: '/out', target: '/in', readOnly: false, required: false }],
    [
      'type=cache,target=/root/.cache,id=pip,sharing=LOCKED,mode=0755,uid=1000,gid=1000',
      { type: 'cache', target: '/root/.cache', id: 'pip', sharing: 'locked', mode: 0o755, uid: 1000, gid: 1000, readOnly: false, required: false },
    ],
    ['type=tmpfs,target=/tmp,size=64m', { type: 'tmpfs', target: '/tmp', size: 64 * 2 ** 20, readOnly: false, required: false }],
    ['type=secret,id=token,required,env=TOKEN', { type: 'secret', id: 'token', required: true, env: 'TOKEN', readOnly: true }],
    ['type=secret,target=/run/secrets/x,required=false,mode=0400', { type: 'secret', target: '/run/secrets/x', required: false, mode: 0o400, readOnly: true }],
    ['TYPE=SSH,required=true', { type: 'ssh', required: true, readOnly: true }],
    ['type=cache,target=/c,readonly=true', { type: 'cache', target: '/c', readOnly: true, required: false }],
    ['type=bind,ro=false', { type: 'bind', readOnly: false, required: false }],
    ['"target=/a,b"', { type: 'bind', target: '/a,b', readOnly: true, required: false }],
  ];
  for (const [spec, mount] of cases) assert.deepEqual(parseMount(spec, literal), mount, spec);
});

test('parseMount expands each value with the function given', () => {
  const env = { T: 'cache', DIR: '/var/cache/apt', UID: '33' };
  assert.deepEqual(parseMount('type=$T,target=${DIR},uid=$UID,id=apt-${DIR##*/}', (v) => expandWord(v, env)), {
    type: 'cache',
    target: '/var/cache/apt',
    uid: 33,
    id: 'apt-apt',
    readOnly: false,
    required: false,
  });
});

test('parseMount errors, with BuildKit messages', () => {
  const cases: [string, string][] = [
    ['type=volume', 'unsupported mount type "volume"'],
    ['type=cahce', 'unsupported mount type "cahce" (did you mean cache?)'],
    ['type=cache,sharing=privat', 'unsupported sharing value "privat" (did you mean private?)'],
    ['type=cache,target', "invalid field 'target' must be a key=value pair"],
    ['type=cache,tagret=/x', "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)"],
    ['type=cache,foo=bar', "unexpected key 'foo' in 'foo=bar' (did you mean from?)"],
    ['type=cache,xyzzy=1', "unexpected key 'xyzzy' in 'xyzzy=1'"],
    ['required,type=secret,id=x', "unexpected key 'required' for mount type 'bind'"],
    ['type=cache,required=true', "unexpected key 'required' for mount type 'cache'"],
    ['type=cache,size=1m', "unexpected key 'size' for mount type 'cache'"],
    ['type=tmpfs,size=big', 'invalid value for size: big'],
    ['type=bind,ro=maybe', 'invalid value for ro: maybe'],
    ['type=secret,id=x,required=sure', 'invalid value for required: sure'],
    ['type=cache,mode=0789', 'invalid value 0789 for mode'],
    ['type=cache,uid=-1', 'invalid value -1 for uid'],
    ['type=bind,mode=0755', 'mode not allowed for "bind" type mounts'],
    ['type=tmpfs,gid=1', 'gid not allowed for "tmpfs" type mounts'],
    ['type=secret', 'invalid secret mount. one of source, target required'],
    ['type=secret,id=a,from=b', 'secret mount should not have a from'],
    ['type=secret,id=a,sharing=locked', 'secret mount should not define sharing'],
    ['type=secret,id=a,source=b', "both source and id can't be set"],
    ['type=bind,sharing=shared', 'invalid cache sharing set for bind mount'],
    ['type=cache,target="/x', 'failed to parse csv mounts: parse error on line 1, column 19: bare " in non-quoted-field'],
    ['', 'failed to parse csv mounts: EOF'],
  ];
  for (const [spec, message] of cases) assert.throws(() => parseMount(spec, literal), { constructor: InvalidArgument, message }, spec);
});

test('checkMount: everything without variables, only `from` and the CSV with them', () => {
  checkMount('type=cache,target=/c', '\\');
  checkMount('type=$T,size=$S,target=$X', '\\');
  checkMount('type=bind,from=build$,target=/x', '\\');
  assert.throws(() => checkMount('type=volume', '\\'), { message: 'unsupported mount type "volume"' });
  assert.throws(() => checkMount('type=bind,from=$STAGE', '\\'), { message: "'from' doesn't support variable expansion, define alias stage instead" });
  assert.throws(() => checkMount('target=$X,"a', '\\'), { message: 'failed to parse csv mounts: parse error on line 1, column 12: extraneous or missing " in quoted-field' });
  // Without variables the value is expanded as the build will: quotes and escapes removed.
  checkMount("type=cache,target='/a b'", '\\');
});

test('runFlags: --network, --security, --device and their defaults', () => {
  assert.deepEqual(runFlags([], '\\'), { mounts: [], network: 'default', security: 'sandbox', devices: [] });
  assert.deepEqual(
    runFlags(['--mount=type=cache,target=/a', '--mount=target=/b', '--network=none', '--security=insecure', '--device=nvidia.com/gpu=all', '--device=name=x,required'], '\\'),
    {
      mounts: ['type=cache,target=/a', 'target=/b'],
      network: 'none',
      security: 'insecure',
      devices: [
        { name: 'nvidia.com/gpu=all', required: false },
        { name: 'x', required: true },
      ],
    },
  );
  const cases: [string, string][] = [
    ['--network=bridge', 'invalid network mode "bridge"'],
    ['--network=', 'invalid network mode ""'],
    ['--security=privileged', 'security "privileged" is not valid'],
    ['--device=a,b', "invalid field 'b' must be a key=value pair"],
    ['--device=a,name=b', 'device name already set to a'],
    ['--device=a,required=maybe', 'invalid value for required: maybe'],
    ['--device=a,nmae=b', "unexpected key 'nmae' in 'nmae=b' (did you mean name?)"],
    ['--mount', 'missing a value on flag: --mount'],
    ['--networks=host', 'unknown flag: --networks (did you mean network?)'],
  ];
  for (const [flag, message] of cases) assert.throws(() => runFlags([flag], '\\'), { message }, flag);
});
