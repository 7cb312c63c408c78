import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExecCreate, parseExecStart } from './exec.js';

test('exec create bodies read as Go reads them: zero values for null and missing fields, Cmd as a string or a list', () => {
  assert.deepEqual(parseExecCreate({ Cmd: 'sh', Env: null, Unknown: 1 }), {
    User: '',
    Privileged: false,
    Tty: false,
    ConsoleSize: null,
    AttachStdin: false,
    AttachStderr: false,
    AttachStdout: false,
    DetachKeys: '',
    Env: [],
    WorkingDir: '',
    Cmd: ['sh'],
  });
  assert.deepEqual(parseExecCreate({ Cmd: ['echo', 'hi'], ConsoleSize: [24, 80] }).ConsoleSize, [24, 80]);
  assert.throws(() => parseExecCreate({ Tty: 'yes' }), { message: 'json: cannot unmarshal string into Go struct field Tty of type bool' });
  assert.throws(() => parseExecCreate([]), { name: 'InvalidArgument' });
});

test('exec start bodies default to an attached start without a TTY', () => {
  assert.deepEqual(parseExecStart({}), { Detach: false, Tty: false, ConsoleSize: null });
  assert.deepEqual(parseExecStart({ Detach: true, Tty: true, ConsoleSize: [1, 2] }), { Detach: true, Tty: true, ConsoleSize: [1, 2] });
  assert.throws(() => parseExecStart({ ConsoleSize: [1] }), { name: 'InvalidArgument' });
});
