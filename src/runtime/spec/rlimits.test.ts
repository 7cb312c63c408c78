import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { buildRlimits, RLIM_INFINITY } from './rlimits.js';

it('clamps rlimits to the daemon\'s hard limits', () => {
  const hard = { nofile: 20000, core: RLIM_INFINITY };
  assert.deepEqual(
    buildRlimits(
      [
        { name: 'nofile', soft: 1048576, hard: 1048576 },
        { name: 'core', soft: -1, hard: -1 },
        { name: 'nproc', soft: 100, hard: 200 },
      ],
      hard,
    ),
    [
      { type: 'RLIMIT_NOFILE', soft: 20000, hard: 20000 },
      { type: 'RLIMIT_CORE', soft: RLIM_INFINITY, hard: RLIM_INFINITY },
      { type: 'RLIMIT_NPROC', soft: 100, hard: 200 },
    ],
  );
  assert.deepEqual(buildRlimits([{ name: 'nofile', soft: 1024, hard: 4096 }], hard), [{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 4096 }]);
});

it('keeps the last value of a repeated name', () => {
  assert.deepEqual(
    buildRlimits(
      [
        { name: 'nofile', soft: 1, hard: 1 },
        { name: 'nofile', soft: 2, hard: 2 },
      ],
      {},
    ),
    [{ type: 'RLIMIT_NOFILE', soft: 2, hard: 2 }],
  );
});

it('refuses unknown names and soft above hard', () => {
  assert.throws(() => buildRlimits([{ name: 'bogus', soft: 1, hard: 1 }], {}), (e: Error) => e instanceof InvalidArgument && e.message === 'invalid ulimit type: bogus');
  assert.throws(() => buildRlimits([{ name: 'nofile', soft: 2, hard: 1 }], {}), InvalidArgument);
  assert.throws(() => buildRlimits([{ name: 'nofile', soft: 0.5, hard: 1 }], {}), InvalidArgument);
});
