import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHost, resolveHost } from './host.js';

test('--host wins over CAIS_HOST over DOCKER_HOST over the default', () => {
  const env = { CAIS_HOST: 'unix:///c.sock', DOCKER_HOST: 'unix:///d.sock' };
  assert.deepEqual(resolveHost('unix:///f.sock', env), { host: 'unix:///f.sock', isDefault: false });
  assert.deepEqual(resolveHost(undefined, env), { host: 'unix:///c.sock', isDefault: false });
  assert.deepEqual(resolveHost(undefined, { DOCKER_HOST: 'tcp://h:1' }), { host: 'tcp://h:1', isDefault: false });
  assert.deepEqual(resolveHost(undefined, {}), { host: defaultHost, isDefault: true });
  // An empty value counts as unset.
  assert.deepEqual(resolveHost('', { CAIS_HOST: '', DOCKER_HOST: '' }), { host: 'unix:///run/cais/cais.sock', isDefault: true });
});
