import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../../common/index.js';
import { parseHost } from './host.js';

test('unix and tcp hosts parse, tcp defaulting to the TLS port', () => {
  assert.deepEqual(parseHost('unix:///run/cais/cais.sock'), { kind: 'unix', path: '/run/cais/cais.sock' });
  assert.deepEqual(parseHost('tcp://127.0.0.1:2376'), { kind: 'tcp', hostname: '127.0.0.1', port: 2376 });
  assert.deepEqual(parseHost('tcp://example.com'), { kind: 'tcp', hostname: 'example.com', port: 2376 });
  assert.deepEqual(parseHost('tcp://[::1]:9'), { kind: 'tcp', hostname: '::1', port: 9 });
});

test('other hosts are InvalidArgument (fd:// is not served)', () => {
  for (const host of ['unix://relative.sock', 'http://x:1', '/run/cais.sock', 'tcp://', 'tcp://:2376', 'tcp://h:1/path', 'fd://', 'tcp://h:notaport', '']) {
    assert.throws(() => parseHost(host), InvalidArgument, host);
  }
});
