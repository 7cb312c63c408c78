import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { portFlags } from './port-specs.js';

const fails = (publish: string[], expose: string[], message: string) => assert.throws(() => portFlags(publish, expose), { message });

describe('portFlags (-p and --expose as docker 28 reads them)', () => {
  it('binds ranges port by port, a host range to one container port as a range, IPv6 hosts with or without brackets', () => {
    const { exposed, bindings } = portFlags(['8000-8001:80-81', '[::1]:53:53/UDP', '7000-7010:70', '::1:5:5', '127.0.0.1::99', '8080:80', '1-2-3:9'], []);
    assert.deepEqual(Object.keys(exposed), ['5/tcp', '53/udp', '70/tcp', '80/tcp', '81/tcp', '9/tcp', '99/tcp']);
    assert.deepEqual(bindings, {
      '5/tcp': [{ HostIp: '::1', HostPort: '5' }],
      '53/udp': [{ HostIp: '::1', HostPort: '53' }],
      '70/tcp': [{ HostIp: '', HostPort: '7000-7010' }],
      '80/tcp': [
        { HostIp: '', HostPort: '8000' },
        { HostIp: '', HostPort: '8080' },
      ],
      '81/tcp': [{ HostIp: '', HostPort: '8001' }],
      '9/tcp': [{ HostIp: '', HostPort: '1-2' }],
      '99/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
  });

  it('turns the long form into the short one', () => {
    assert.deepEqual(portFlags(['published=8080,target=80', 'target=81,protocol=udp,mode=host'], []).bindings, {
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '81/udp': [{ HostIp: '', HostPort: '' }],
    });
    fails(['published=8080,target'], [], "invalid publish opts format (should be name=value but got 'target')");
    fails(['published=8080'], [], 'no port specified: 8080:/tcp<empty>');
  });

  it('exposes ranges with the protocol as written, after the published ports', () => {
    assert.deepEqual(Object.keys(portFlags(['60'], ['80', '90-91/udp', '100/UDP', '80-81-82']).exposed), ['100/UDP', '60/tcp', '80/tcp', '81/tcp', '90/udp', '91/udp']);
    fails([], ['1:2'], 'invalid port format for --expose: 1:2');
    fails([], ['80-70'], 'invalid range format for --expose: 80-70, error: invalid range specified for port: 80-70');
    fails([], ['70000'], 'invalid range format for --expose: 70000, error: strconv.ParseUint: parsing "70000": value out of range');
    fails([], [''], 'invalid range format for --expose: , error: empty string specified for ports');
    fails([], ['5-'], 'invalid range format for --expose: 5-, error: strconv.ParseUint: parsing "": invalid syntax');
  });

  it("fails with nat's messages, in its order", () => {
    fails(['abc'], [], 'invalid containerPort: abc');
    fails(['80-70/foo'], [], 'invalid containerPort: 80-70');
    fails(['80/FOO'], [], 'invalid proto: FOO');
    fails(['99999:80/foo'], [], 'invalid hostPort: 99999');
    fails(['1.2.3.4::'], [], 'no port specified: 1.2.3.4::<empty>');
    fails(['/tcp'], [], 'no port specified: /tcp<empty>');
    fails(['1:2:'], [], 'invalid IP address: 1');
    fails(['[::1:80:80'], [], "invalid IP address [::1: address [::1:: missing ']' in address");
    fails(['8000-8001:80-82'], [], 'invalid ranges specified for container and host Ports: 80-82 and 8000-8001');
  });
});
