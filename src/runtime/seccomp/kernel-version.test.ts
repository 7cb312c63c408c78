import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { kernelAtLeast, parseKernelRelease } from './kernel-version.js';

it('parses kernel releases as moby does, ignoring the rest', () => {
  assert.deepEqual(parseKernelRelease('6.18.44-fc-v669'), { kernel: 6, major: 18 });
  assert.deepEqual(parseKernelRelease('3.12-1-amd64'), { kernel: 3, major: 12 });
  assert.throws(() => parseKernelRelease('six'), InvalidArgument);
});

it('compares kernel and major revision only', () => {
  const v = (kernel: number, major: number) => ({ kernel, major });
  assert.ok(kernelAtLeast(v(6, 18), v(4, 8)));
  assert.ok(kernelAtLeast(v(4, 8), v(4, 8)));
  assert.ok(!kernelAtLeast(v(4, 7), v(4, 8)));
  assert.ok(!kernelAtLeast(v(3, 19), v(4, 0)));
});
