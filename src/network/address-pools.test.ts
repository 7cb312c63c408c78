import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSubnet, defaultAddressPools, hostRoutes, parseAddressPool } from './address-pools.js';
import { formatSubnet, parseSubnet } from './ipv4.js';

test('host routes are read from /proc/net/route, the default route left out', () => {
  const table = [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
    'eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
  ].join('\n');
  assert.deepEqual(hostRoutes(table).map(formatSubnet), ['192.0.2.0/24']);
});

test("subnets come from the pools in order, skipping what is taken, as Docker's", () => {
  assert.equal(formatSubnet(chooseSubnet(defaultAddressPools, [])), '172.17.0.0/16');
  assert.equal(formatSubnet(chooseSubnet(defaultAddressPools, [parseSubnet('172.17.0.0/16'), parseSubnet('172.18.5.0/24')])), '172.19.0.0/16');
  assert.equal(formatSubnet(chooseSubnet(defaultAddressPools, [parseSubnet('172.16.0.0/12')])), '192.168.0.0/20');
  const pool = parseAddressPool('base=10.10.0.0/16,size=24');
  assert.equal(formatSubnet(chooseSubnet([pool], [parseSubnet('10.10.0.0/24')])), '10.10.1.0/24');
  assert.throws(() => chooseSubnet([parseAddressPool('base=10.0.0.0/24,size=24')], [parseSubnet('10.0.0.0/8')]), /could not find an available/);
  assert.throws(() => parseAddressPool('base=10.0.0.0/16'), /invalid default address pool/);
});
