import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInsecureRegistry } from './registry-client.js';

test("insecure registries as dockerd decides: loopback always, then the names and CIDRs it was told", () => {
  for (const host of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.9.9.9', '[::1]:5000']) assert.equal(isInsecureRegistry(host, []), true, host);
  assert.equal(isInsecureRegistry('registry.example:5000', []), false);
  assert.equal(isInsecureRegistry('registry.example:5000', ['registry.example:5000']), true);
  assert.equal(isInsecureRegistry('registry.example:5000', ['registry.example']), true);
  assert.equal(isInsecureRegistry('10.1.2.3:5000', ['10.0.0.0/8']), true);
  assert.equal(isInsecureRegistry('11.1.2.3:5000', ['10.0.0.0/8']), false);
  assert.equal(isInsecureRegistry('registry-1.docker.io', ['0.0.0.0/0']), false);
});
