import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { it } from 'node:test';
import { parseCpuList, parseEffectiveCapabilities, parseHardLimits, readHostFacts } from './host-facts.js';
import { RLIM_INFINITY } from './rlimits.js';

const limits = `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max core file size        0                    unlimited            bytes     
Max processes             96365                96365                processes 
Max open files            1024                 20000                files     
`;

it('parses hard limits from /proc/<pid>/limits', () => {
  assert.deepEqual(parseHardLimits(limits), { cpu: RLIM_INFINITY, core: RLIM_INFINITY, nproc: 96365, nofile: 20000 });
});

it('parses effective capabilities from /proc/<pid>/status', () => {
  assert.deepEqual(parseEffectiveCapabilities('Name:\tx\nCapPrm:\t0000000000000001\nCapEff:\t0000000000000021\n'), ['CAP_CHOWN', 'CAP_KILL']);
});

it('parses CPU lists', () => {
  assert.deepEqual(parseCpuList('0-2,5\n'), [0, 1, 2, 5]);
});

it('reads this host', async () => {
  const facts = await readHostFacts();
  assert.equal(facts.arch, arch());
  assert.equal(facts.kernelRelease, release());
  const status = await readFile('/proc/self/status', 'utf8');
  assert.deepEqual(facts.capabilities, parseEffectiveCapabilities(status));
  assert.equal(typeof facts.rlimitHard.nofile, 'number');
  assert.equal(Object.keys(facts.rlimitHard).length, 16);
});
