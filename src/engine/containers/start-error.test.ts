import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startFailureExitCode } from './start-error.js';

test("a process that cannot run gets moby's exit codes: 126 not executable, 127 not found", () => {
  assert.equal(startFailureExitCode('exec: "nope": executable file not found in $PATH'), 127);
  assert.equal(startFailureExitCode('open /x: No such file or directory'), 127);
  assert.equal(startFailureExitCode('exec /etc/passwd: Permission denied'), 126);
  assert.equal(startFailureExitCode('exec /bin: is a directory'), 126);
  assert.equal(startFailureExitCode('something else'), undefined);
});
