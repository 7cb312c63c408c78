import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipString, isMacAddress, joinHostPort, netContains, parseCIDR, parseIP, splitHostPort } from './go-net.js';

const normal = (s: string): string | undefined => {
  const ip = parseIP(s);
  return ip && ipString(ip);
};

describe('parseIP and ipString (Go net.ParseIP, IP.String)', () => {
  it('prints addresses as Go does', () => {
    const cases: [string, string][] = [
      ['1.2.3.4', '1.2.3.4'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['::ffff:1.2.3.4', '1.2.3.4'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
      ['::', '::'],
      ['::1.2.3.4', '::102:304'],
      ['ABCD::', 'abcd::'],
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
      ['0001:2::', '1:2::'],
    ];
    for (const [input, want] of cases) assert.equal(normal(input), want, input);
  });

  it('refuses what netip refuses', () => {
    for (const bad of ['', 'x', '01.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5', 'fe80::1%eth0', '[::1]', '1::2::3', '1:2:3:4:5:6:7:8:9', '1::2:3:4:5:6:7:8', ':1::2', '1::2:', '12345::', '1:2:3:4:5:6:1.2.3.4:1', ' 1.2.3.4']) {
      assert.equal(parseIP(bad), undefined, bad);
    }
    assert.equal(normal('1:2:3:4:5:6:1.2.3.4'), '1:2:3:4:5:6:102:304');
  });
});

describe('parseCIDR and netContains', () => {
  it('matches addresses of the same family inside the prefix', () => {
    const { net } = parseCIDR('10.1.2.3/16');
    assert.equal(ipString(net.ip), '10.1.0.0');
    assert.ok(netContains(net, parseIP('10.1.255.1')));
    assert.ok(netContains(net, parseIP('::ffff:10.1.0.9')));
    assert.ok(!netContains(net, parseIP('10.2.0.1')));
    assert.ok(!netContains(net, parseIP('fd00::1')));
    assert.ok(!netContains(net, undefined));
    const v6 = parseCIDR('fd00:1::/64').net;
    assert.ok(netContains(v6, parseIP('fd00:1::5')));
    assert.ok(!netContains(v6, parseIP('fd00:2::5')));
    assert.ok(!netContains(v6, parseIP('10.1.0.1')));
    assert.ok(netContains(parseCIDR('0.0.0.0/0').net, parseIP('8.8.8.8')));
  });

  it("fails with Go's message", () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', 'x/8', '::/129', '10.0.0.0/+8']) {
      assert.throws(() => parseCIDR(bad), { message: `invalid CIDR address: ${bad}` });
    }
  });
});

describe('splitHostPort and joinHostPort', () => {
  it('splits as Go does', () => {
    assert.deepEqual(splitHostPort('[::1]:'), { host: '::1', port: '' });
    assert.deepEqual(splitHostPort('1.2.3.4:80'), { host: '1.2.3.4', port: '80' });
    assert.throws(() => splitHostPort('[::1:'), { message: "address [::1:: missing ']' in address" });
    assert.throws(() => splitHostPort('[::1]x:'), { message: 'address [::1]x:: missing port in address' });
    assert.throws(() => splitHostPort('[a]:b]:'), { message: 'address [a]:b]:: too many colons in address' });
    assert.throws(() => splitHostPort('a[b:'), { message: "address a[b:: unexpected '[' in address" });
    assert.equal(joinHostPort('::', '80'), '[::]:80');
    assert.equal(joinHostPort('', '80'), ':80');
  });
});

describe('isMacAddress (net.ParseMAC)', () => {
  it('takes the colon, dash and dot forms of 6, 8 and 20 octets', () => {
    for (const good of ['02:42:ac:11:00:02', '02-42-AC-11-00-02', '0242.ac11.0002', '01:02:03:04:05:06:07:08']) assert.ok(isMacAddress(good), good);
    for (const bad of ['zz', '02:42:ac:11:00', '02:42-ac:11:00:02', '02:42:ac:11:00:02:03', ' 02:42:ac:11:00:02', '0242.ac11.000']) assert.ok(!isMacAddress(bad), bad);
  });
});
