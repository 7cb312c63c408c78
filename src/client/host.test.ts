import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgument } from '../common/index.js';
import { defaultHost, parseHost, resolveHost } from './host.js';

test('--host wins over CAIS_HOST over DOCKER_HOST over the default', () => {
  const env = { CAIS_HOST: 'unix:///c.sock', DOCKER_HOST: 'unix:///d.sock' };
  assert.deepEqual(resolveHost('unix:///f.sock', env), { host: 'unix:///f.sock', isDefault: false });
  assert.deepEqual(resolveHost(undefined, env), { host: 'unix:///c.sock', isDefault: false });
  assert.deepEqual(resolveHost(undefined, { DOCKER_HOST: 'tcp://h:1' }), { host: 'tcp://h:1', isDefault: false });
  assert.deepEqual(resolveHost(undefined, {}), { host: defaultHost, isDefault: true });
  // An empty value counts as unset.
  assert.deepEqual(resolveHost('', { CAIS_HOST: '', DOCKER_HOST: '' }), { host: 'unix:///run/cais/cais.sock', isDefault: true });
});

test('unix and tcp hosts parse; tcp defaults to port 2376', () => {
  assert.deepEqual(parseHost('unix:///run/cais/cais.sock'), { kind: 'unix', path: '/run/cais/cais.sock' });
  assert.deepEqual(parseHost('tcp://127.0.0.1:2376'), { kind: 'tcp', hostname: '127.0.0.1', port: 2376 });
  assert.deepEqual(parseHost('tcp://example.com'), { kind: 'tcp', hostname: 'example.com', port: 2376 });
  assert.deepEqual(parseHost('tcp://[::1]:9'), { kind: 'tcp', hostname: '::1', port: 9 });
});

test('other hosts are InvalidArgument', () => {
  for (const host of ['unix://relative.sock', 'http://x:1', '/run/cais.sock', 'tcp://', 'tcp://h:1/path', 'fd://', 'tcp://h:notaport']) {
    assert.throws(() => parseHost(host), InvalidArgument, host);
  }
});
