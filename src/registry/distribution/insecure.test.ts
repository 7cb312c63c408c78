import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostOf, isInsecureRegistry } from './insecure.js';

const resolveTo = (addresses: string[]) => async (): Promise<string[]> => addresses;
const unresolvable = async (): Promise<string[]> => {
  throw new Error('ENOTFOUND');
};

describe('isInsecureRegistry', () => {
  it('holds loopback insecure always', async () => {
    for (const domain of ['127.0.0.1:5000', '127.8.9.10', '[::1]:5000', '::1']) assert.equal(await isInsecureRegistry(domain, [], unresolvable), true, domain);
    assert.equal(await isInsecureRegistry('localhost:5000', [], resolveTo(['127.0.0.1', '::1'])), true);
  });

  it('takes names with or without port, and CIDRs for addresses and resolved names', async () => {
    assert.equal(await isInsecureRegistry('reg.lan:5000', ['reg.lan:5000'], unresolvable), true);
    assert.equal(await isInsecureRegistry('reg.lan:5000', ['reg.lan'], unresolvable), true);
    assert.equal(await isInsecureRegistry('reg.lan:5000', ['reg.lan:6000'], unresolvable), false);
    assert.equal(await isInsecureRegistry('10.1.2.3:5000', ['10.0.0.0/8'], unresolvable), true);
    assert.equal(await isInsecureRegistry('11.1.2.3:5000', ['10.0.0.0/8'], unresolvable), false);
    assert.equal(await isInsecureRegistry('reg.lan', ['192.168.0.0/16'], resolveTo(['192.168.4.4'])), true);
    assert.equal(await isInsecureRegistry('registry-1.docker.io', ['192.168.0.0/16'], resolveTo(['44.1.2.3'])), false);
    assert.equal(await isInsecureRegistry('reg.lan', ['192.168.0.0/16', 'junk/', '1.2.3.4/x'], unresolvable), false);
  });

  it('splits hosts from ports', () => {
    assert.equal(hostOf('reg:5000'), 'reg');
    assert.equal(hostOf('[fe80::1]:5000'), 'fe80::1');
    assert.equal(hostOf('fe80::1'), 'fe80::1');
  });
});
