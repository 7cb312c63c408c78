import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { specsDir } from '../../../test/support/schemas.js';
import { capabilitiesFromMask, containerCapabilities, defaultCapabilities, knownCapabilities } from './capabilities.js';

// This host's root lacks CAP_SYS_RESOURCE (bit 24), as the CI hosts do.
const host = capabilitiesFromMask('000001fffeffffff');

describe('capabilities', () => {
  it('defaults to Docker\'s 14, in moby\'s order', () => {
    const upstream = readFileSync(join(specsDir, 'security/default-capabilities.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('CAP_'));
    assert.deepEqual(defaultCapabilities, upstream);
    assert.deepEqual(containerCapabilities({}, host), upstream);
  });

  it('reads capability masks in bit order', () => {
    assert.equal(knownCapabilities.length, 41);
    assert.equal(host.length, 40);
    assert.ok(!host.includes('CAP_SYS_RESOURCE'));
    assert.deepEqual(capabilitiesFromMask('a80425fb'), [...defaultCapabilities].sort((a, b) => knownCapabilities.indexOf(a) - knownCapabilities.indexOf(b)));
  });

  it('adds and drops names in any case, with or without CAP_', () => {
    const caps = containerCapabilities({ capAdd: ['sys_admin', 'CAP_NET_ADMIN'], capDrop: ['net_raw', 'Cap_Chown'] }, host);
    assert.deepEqual(caps, [...defaultCapabilities.filter((c) => c !== 'CAP_NET_RAW' && c !== 'CAP_CHOWN'), 'CAP_SYS_ADMIN', 'CAP_NET_ADMIN']);
    assert.deepEqual(containerCapabilities({ capAdd: ['chown'] }, host), defaultCapabilities, 'no duplicates');
  });

  it('handles ALL', () => {
    assert.deepEqual(containerCapabilities({ capDrop: ['ALL'] }, host), []);
    assert.deepEqual(containerCapabilities({ capDrop: ['all'], capAdd: ['kill'] }, host), ['CAP_KILL']);
    assert.deepEqual(containerCapabilities({ capAdd: ['ALL'], capDrop: ['sys_admin'] }, host), host.filter((c) => c !== 'CAP_SYS_ADMIN'));
  });

  it('gives a privileged container everything the daemon holds', () => {
    assert.deepEqual(containerCapabilities({ privileged: true, capDrop: ['ALL'] }, host), host);
  });

  it('refuses unknown capabilities and ones the daemon lacks, with Docker\'s words', () => {
    assert.throws(() => containerCapabilities({ capAdd: ['bogus'] }, host), (e: Error) => e instanceof InvalidArgument && e.message === 'unknown capability: "CAP_BOGUS"');
    assert.throws(
      () => containerCapabilities({ capAdd: ['sys_resource'] }, host),
      (e: Error) => e instanceof InvalidArgument && e.message.startsWith('capability not supported by your kernel or not available in the current environment'),
    );
    assert.throws(() => containerCapabilities({ capDrop: ['nope'] }, host), InvalidArgument);
  });
});
