import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, formatAddress, formatSubnet, last, overlaps, parseAddress, parseCidr, parseSubnet } from './ipv4.js';

test('addresses parse and print; bad ones are refused', () => {
  assert.equal(parseAddress('172.17.0.1'), 0xac110001);
  assert.equal(formatAddress(0xac110001), '172.17.0.1');
  for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', 'a.b.c.d', '1.2.3.4.5', '']) assert.equal(parseAddress(bad), undefined, bad);
});

test('subnets: containment, overlap, last address; host bits refused as libnetwork does', () => {
  const s = parseSubnet('10.1.0.0/16');
  assert.equal(formatSubnet(s), '10.1.0.0/16');
  assert.ok(contains(s, parseAddress('10.1.255.3')!));
  assert.ok(!contains(s, parseAddress('10.2.0.1')!));
  assert.ok(overlaps(s, parseSubnet('10.1.4.0/24')));
  assert.ok(overlaps(parseSubnet('10.0.0.0/8'), s));
  assert.ok(!overlaps(s, parseSubnet('10.2.0.0/16')));
  assert.equal(formatAddress(last(s)), '10.1.255.255');
  assert.equal(formatAddress(last(parseSubnet('0.0.0.0/0'))), '255.255.255.255');
  assert.throws(() => parseSubnet('10.1.0.1/16'), /invalid subnet 10.1.0.1\/16: it should be 10.1.0.0\/16/);
  assert.throws(() => parseSubnet('10.1.0.0/33'), /invalid CIDR address: 10.1.0.0\/33/);
  assert.equal(parseCidr('10.1.0.1/16')?.address, parseAddress('10.1.0.1'));
});
