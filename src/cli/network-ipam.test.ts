import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type IpamFlags, ipamConfig } from './network-ipam.js';

const flags = (extra: Partial<IpamFlags>): IpamFlags => ({ driver: 'default', subnets: [], ipRanges: [], gateways: [], auxAddresses: {}, options: {}, ...extra });
const fails = (extra: Partial<IpamFlags>, message: string) => assert.throws(() => ipamConfig(flags(extra)), { message });

describe('ipamConfig (network create --subnet, --ip-range, --gateway, --aux-address)', () => {
  it('puts each range, gateway and auxiliary address on the subnet holding it', () => {
    const ipam = ipamConfig(
      flags({
        subnets: ['10.0.0.5/8', 'fd00::/64'],
        ipRanges: ['10.1.0.0/16'],
        gateways: ['fd00::1'],
        auxAddresses: { b: 'fd00::3', a: '10.0.0.2' },
        options: { z: '1', y: '' },
      }),
    );
    assert.deepEqual(ipam, {
      Driver: 'default',
      Options: { y: '', z: '1' },
      Config: [
        { Subnet: '10.0.0.5/8', IPRange: '10.1.0.0/16', AuxiliaryAddresses: { a: '10.0.0.2' } },
        { Subnet: 'fd00::/64', Gateway: 'fd00::1', AuxiliaryAddresses: { b: 'fd00::3' } },
      ],
    });
    // A lone subnet is the daemon's to check.
    assert.deepEqual(ipamConfig(flags({ subnets: ['foo'] })).Config, [{ Subnet: 'foo' }]);
  });

  it("fails with docker's messages", () => {
    fails({ gateways: ['10.0.0.1'] }, 'every ip-range or gateway must have a corresponding subnet');
    fails({ subnets: ['10.0.0.0/8', '10.1.0.0/16'] }, 'multiple overlapping subnet configuration is not supported');
    fails({ subnets: ['10.0.0.0/8', 'foo'] }, 'invalid subnet: invalid CIDR address: foo');
    fails({ subnets: ['10.0.0.0/8'], gateways: ['11.0.0.1'] }, 'no matching subnet for gateway 11.0.0.1');
    fails({ subnets: ['10.0.0.0/8'], ipRanges: ['x'] }, 'invalid CIDR address: x');
    fails({ subnets: ['10.0.0.0/8'], ipRanges: ['11.0.0.0/16'] }, 'no matching subnet for range 11.0.0.0/16');
    fails({ subnets: ['10.0.0.0/8', '11.0.0.0/8'], gateways: ['10.0.0.1', '10.0.0.2'] }, 'cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/8)');
    fails({ subnets: ['10.0.0.0/8', '11.0.0.0/8'], ipRanges: ['10.1.0.0/16', '10.2.0.0/16'] }, 'cannot configure multiple ranges (10.2.0.0/16, 10.1.0.0/16) on the same subnet (10.0.0.0/8)');
    fails({ subnets: ['foo'], gateways: ['10.0.0.1'] }, 'invalid subnet: invalid CIDR address: foo');
    fails({ subnets: ['10.0.0.0/8'], auxAddresses: { a: '' } }, 'no matching subnet for aux-address ');
  });
});
