import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { parseListenAddress } from './hosts.js';

test('unix and tcp listen addresses', () => {
  assert.deepEqual(parseListenAddress('unix:///run/cais/cais.sock'), { kind: 'unix', path: '/run/cais/cais.sock' });
  assert.deepEqual(parseListenAddress('tcp://127.0.0.1:2376'), { kind: 'tcp', hostname: '127.0.0.1', port: 2376 });
  assert.deepEqual(parseListenAddress('tcp://0.0.0.0:1'), { kind: 'tcp', hostname: '0.0.0.0', port: 1 });
  assert.deepEqual(parseListenAddress('tcp://[::1]:2376'), { kind: 'tcp', hostname: '::1', port: 2376 });
});

test('anything else is InvalidArgument (fd:// is not served)', () => {
  for (const host of ['fd://', 'unix://rel.sock', 'tcp://127.0.0.1', 'tcp://:2376', 'tcp://h:1/x', 'http://h:1', '/a.sock', '']) {
    assert.throws(() => parseListenAddress(host), InvalidArgument, host);
  }
});
