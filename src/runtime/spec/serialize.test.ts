import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { buildRuntimeConfig } from './build-runtime-config.js';
import { RLIM_INFINITY } from './rlimits.js';
import { serializeRuntimeConfig } from './serialize.js';

const config = buildRuntimeConfig(
  {
    rootfs: '/r',
    args: ['true'],
    user: { uid: 0, gid: 0 },
    cgroupsPath: '/cais/x',
    resources: { ulimits: [{ name: 'core', soft: -1, hard: -1 }, { name: 'nofile', soft: 10, hard: 20 }] },
  },
  { arch: 'x64', kernelRelease: '6.18.0', capabilities: [], rlimitHard: { core: RLIM_INFINITY } },
);

it('writes RLIM_INFINITY as the exact uint64', () => {
  const text = serializeRuntimeConfig(config);
  assert.ok(text.includes('{"type":"RLIMIT_CORE","hard":18446744073709551615,"soft":18446744073709551615}'));
  assert.ok(text.includes('{"type":"RLIMIT_NOFILE","hard":20,"soft":10}'));
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(config)));
});

it('refuses strings that collide with its marker', () => {
  assert.throws(() => serializeRuntimeConfig({ ...config, annotations: { a: '\u0000rlim-infinity\u0000' } }), InvalidArgument);
});
