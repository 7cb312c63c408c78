import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { buildResources } from './resources.js';

it('turns --cpus into a CFS quota over a 100 ms period', () => {
  assert.deepEqual(buildResources({ nanoCpus: 500_000_000 }).cpu, { quota: 50000, period: 100000 });
  assert.deepEqual(buildResources({ nanoCpus: 1_500_000_000 }).cpu, { quota: 150000, period: 100000 });
  assert.deepEqual(buildResources({ nanoCpus: 1_000_001 }).cpu, { quota: 100, period: 100000 });
});

it('sets memory with Docker\'s default swap of twice the limit', () => {
  const m = 32 * 1024 * 1024;
  assert.deepEqual(buildResources({ memory: m }).memory, { limit: m, swap: 2 * m });
  assert.deepEqual(buildResources({ memory: m, memorySwap: -1, memoryReservation: m / 2 }).memory, { limit: m, reservation: m / 2 });
  assert.deepEqual(buildResources({ memory: m, memorySwap: 3 * m }).memory, { limit: m, swap: 3 * m });
  assert.throws(() => buildResources({ memory: m, memorySwap: m / 2 }), InvalidArgument);
});

it('leaves out what is not set', () => {
  assert.deepEqual(buildResources({}), {});
});

it('maps pids, shares, cpusets and block IO', () => {
  assert.deepEqual(buildResources({ pidsLimit: 100 }).pids, { limit: 100 });
  assert.equal(buildResources({ pidsLimit: 0 }).pids, undefined);
  assert.equal(buildResources({ pidsLimit: -1 }).pids, undefined);
  assert.deepEqual(buildResources({ cpuShares: 512, cpusetCpus: '0-1', cpusetMems: '0' }).cpu, { shares: 512, cpus: '0-1', mems: '0' });
  assert.deepEqual(buildResources({ blkioWeight: 300, deviceReadBps: [{ major: 8, minor: 0, rate: 1048576 }], deviceWriteBps: [{ major: 8, minor: 0, rate: 2 }] }).blockIO, {
    weight: 300,
    throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1048576 }],
    throttleWriteBpsDevice: [{ major: 8, minor: 0, rate: 2 }],
  });
});

it('refuses what Docker refuses', () => {
  assert.throws(() => buildResources({ cpuShares: -1 }), InvalidArgument);
  assert.throws(() => buildResources({ nanoCpus: 5e8, cpuQuota: 1000 }), InvalidArgument);
  assert.throws(() => buildResources({ nanoCpus: 5e8, cpuPeriod: 1000 }), InvalidArgument);
  assert.throws(() => buildResources({ blkioWeight: 5 }), InvalidArgument);
  assert.throws(() => buildResources({ memory: 1.5 }), InvalidArgument);
  assert.throws(() => buildResources({ deviceReadBps: [{ major: 8, minor: 0, rate: -1 }] }), InvalidArgument);
});
