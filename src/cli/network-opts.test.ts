import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type EndpointFlags,
  endpointsConfig,
  isUserDefined,
  localhostDnsWarning,
  parseNetworkAttachment,
  validateDNSSearch,
  validateExtraHost,
  validateIPAddress,
  validateLink,
} from './network-opts.js';

const flags = (extra: Partial<EndpointFlags> = {}): EndpointFlags => ({ networks: [], aliases: [], links: [], ipv4: '', ipv6: '', macAddress: '', linkLocalIPs: [], ...extra });

describe('parseNetworkAttachment (--network)', () => {
  it('takes a plain name as it is, and reads the long form lower-cased', () => {
    assert.equal(parseNetworkAttachment('My-Net').target, 'My-Net');
    assert.equal(parseNetworkAttachment('a=-b').target, 'a=-b');
    const n = parseNetworkAttachment('name=Foo,alias=A,"alias=b,c",ip= 1.2.3.4 ,ip6=::1,mac-address=02:42:AC:11:00:02,link-local-ip=x,driver-opt=K=V,gw-priority=-3');
    assert.deepEqual(n, {
      target: 'foo',
      aliases: ['a', 'b,c'],
      links: [],
      driverOpts: { k: 'v' },
      ipv4: '1.2.3.4',
      ipv6: '::1',
      linkLocalIPs: ['x'],
      macAddress: '02:42:ac:11:00:02',
      gwPriority: -3,
    });
  });

  it("fails with docker's messages", () => {
    const fails = (value: string, message: string) => assert.throws(() => parseNetworkAttachment(value), { message });
    fails('name=foo,ALIAS', 'invalid field ALIAS');
    fails('name=foo,=x', 'invalid field =x');
    fails('name=foo,BOGUS=1', 'invalid field key bogus');
    fails('alias=a', 'network name/id is not specified');
    fails('name=foo,driver-opt==x', 'invalid key value pair format in driver options');
    fails('name=foo,gw-priority=x', 'invalid gw-priority (x): invalid syntax');
    fails('name=foo,gw-priority=99999999999999999999', 'invalid gw-priority (99999999999999999999): value out of range');
    fails('name=foo,"alias', 'parse error on line 1, column 16: extraneous or missing " in quoted-field');
  });
});

describe('the values of --dns, --dns-search, --add-host, --link', () => {
  it('normalizes as docker sends them', () => {
    assert.equal(validateIPAddress(' ::ffff:1.2.3.4 '), '1.2.3.4');
    assert.throws(() => validateIPAddress('[::1]'), { message: 'IP address is not correctly formatted: [::1]' });
    assert.equal(validateDNSSearch('a.b. '), 'a.b');
    assert.equal(validateDNSSearch('.'), '.');
    for (const bad of ['1.2', '-a.com', '', '.bad']) assert.throws(() => validateDNSSearch(bad), { message: `${bad} is not a valid domain` });
    assert.equal(validateExtraHost('b=[::1]'), 'b:::1');
    assert.equal(validateExtraHost('e:host-gateway'), 'e:host-gateway');
    assert.equal(validateExtraHost('g: 1.2.3.4'), 'g: 1.2.3.4');
    assert.throws(() => validateExtraHost(':1.2.3.4'), { message: 'bad format for add-host: ":1.2.3.4"' });
    assert.throws(() => validateExtraHost('a:b:1.2.3.4'), { message: 'invalid IP address in add-host: "b:1.2.3.4"' });
    assert.throws(() => validateLink('a:b:c'), { message: 'bad format for links: a:b:c' });
  });

  it('warns of the first loopback DNS server only', () => {
    assert.equal(localhostDnsWarning(['8.8.8.8', '127.0.0.53', '::1']), 'WARNING: Localhost DNS (127.0.0.53) may fail in containers.');
    assert.equal(localhostDnsWarning(['2001:db8::1']), undefined);
  });
});

describe('endpointsConfig (parseNetworkOpts)', () => {
  it('always names the default network, and leaves out a single network given without options', () => {
    assert.deepEqual(Object.keys(endpointsConfig(flags())), ['default']);
    assert.deepEqual(endpointsConfig(flags({ networks: [parseNetworkAttachment('foo')] })), {});
    assert.deepEqual(Object.keys(endpointsConfig(flags({ networks: ['foo', 'bar'].map(parseNetworkAttachment) }))), ['bar', 'foo']);
  });

  it('puts the plain flags on the first network; --link is an endpoint link only on user-defined networks', () => {
    const [foo, bar] = ['foo', 'name=bar,alias=x'].map(parseNetworkAttachment);
    const eps = endpointsConfig(flags({ networks: [foo!, bar!], aliases: ['a'], links: ['l:m'], ipv4: '1.1.1.1', linkLocalIPs: ['169.254.0.1'], macAddress: '02:42:ac:11:00:02' }));
    assert.deepEqual(eps.foo?.IPAMConfig, { IPv4Address: '1.1.1.1', LinkLocalIPs: ['169.254.0.1'] });
    assert.deepEqual([eps.foo?.Aliases, eps.foo?.Links, eps.foo?.MacAddress], [['a'], ['l:m'], '02:42:ac:11:00:02']);
    assert.deepEqual([eps.bar?.Aliases, eps.bar?.IPAMConfig], [['x'], null]);
    assert.equal(endpointsConfig(flags({ links: ['l'] })).default?.Links, null);
  });

  it('refuses conflicting options', () => {
    const fails = (f: Partial<EndpointFlags>, message: string) => assert.throws(() => endpointsConfig(flags(f)), { message });
    const net = (...values: string[]) => values.map(parseNetworkAttachment);
    fails({ aliases: ['x'] }, 'network-scoped aliases are only supported for user-defined networks');
    fails({ networks: net('container:'), aliases: ['x'] }, 'network-scoped aliases are only supported for user-defined networks');
    fails({ networks: net('foo', 'foo') }, 'network "foo" is specified multiple times');
    fails({ networks: net('foo', 'host') }, 'conflicting options: cannot attach both user-defined and non-user-defined network-modes');
    fails({ networks: net('name=foo,alias=a'), aliases: ['b'] }, 'conflicting options: cannot specify both --network-alias and per-network alias');
    fails({ networks: net('name=foo,ip6=::1'), ipv6: '::2' }, 'conflicting options: cannot specify both --ip6 and per-network IPv6 address');
    fails({ networks: net('name=foo,mac-address=zz') }, 'zz is not a valid mac address');
    fails({ networks: net('') }, 'no name set for network');
  });

  it('knows the built-in network modes', () => {
    for (const mode of ['default', 'bridge', 'host', 'none', 'container:x', 'container:']) assert.ok(!isUserDefined(mode), mode);
    for (const mode of ['foo', 'Bridge', 'containers:x']) assert.ok(isUserDefined(mode), mode);
  });
});
