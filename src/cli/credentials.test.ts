// Credentials kept as the docker CLI keeps them: config.json's `auths`
// (other settings left alone, mode 0600) and a credential helper program
// speaking docker-credential-helpers' protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore, dockerHubServer, encodeAuth } from './credentials.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cais-creds-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('auths in config.json: stored, found by host, erased; other settings kept', () => {
  const config = join(dir, 'plain');
  const store = new CredentialStore({ DOCKER_CONFIG: config });
  assert.equal(store.get('localhost:5000'), undefined);
  store.store('localhost:5000', { username: 'alice', password: 's3:cret' });
  writeFileSync(join(config, 'config.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(config, 'config.json'), 'utf8')), detachKeys: 'ctrl-a' }));
  store.store('docker.io', { username: 'bob', password: 'pw', identityToken: 'refresh' });
  const file = JSON.parse(readFileSync(join(config, 'config.json'), 'utf8')) as { auths: Record<string, object>; detachKeys: string };
  assert.equal(file.detachKeys, 'ctrl-a');
  assert.deepEqual(file.auths['localhost:5000'], { auth: Buffer.from('alice:s3:cret').toString('base64') });
  assert.deepEqual(file.auths[dockerHubServer], { auth: Buffer.from('bob:').toString('base64'), identitytoken: 'refresh' });
  assert.equal(statSync(join(config, 'config.json')).mode & 0o777, 0o600);
  assert.deepEqual(store.get('localhost:5000'), { serveraddress: 'localhost:5000', username: 'alice', password: 's3:cret' });
  assert.equal(store.get('docker.io')?.identitytoken, 'refresh');
  assert.equal(store.erase('localhost:5000'), true);
  assert.equal(store.erase('localhost:5000'), false);
  assert.equal(store.get('localhost:5000'), undefined);
});

test('an entry written with a scheme (https://host/) is found by its host', () => {
  const config = join(dir, 'scheme');
  const store = new CredentialStore({ DOCKER_CONFIG: config });
  store.store('example.test', { username: 'u', password: 'p' });
  const path = join(config, 'config.json');
  writeFileSync(path, JSON.stringify({ auths: { 'https://example.test/v2/': { auth: Buffer.from('u:p').toString('base64') } } }));
  assert.equal(store.get('example.test')?.username, 'u');
});

test('a credential helper program is asked, told and erased through', () => {
  const config = join(dir, 'helper');
  const bin = join(dir, 'bin');
  const kept = join(dir, 'kept.json');
  mkdirSync(bin, { recursive: true });
  // a real helper: the last stored secret in a file, "credentials not found" otherwise
  // written aside and renamed: no open writer when it runs (ETXTBSY)
  writeFileSync(
    join(bin, 'helper.tmp'),
    `#!/bin/sh\ncase "$1" in\nstore) cat > ${kept} ;;\nget) read server; if [ -f ${kept} ]; then cat ${kept}; else echo "credentials not found in native keychain"; exit 1; fi ;;\nerase) if [ -f ${kept} ]; then rm ${kept}; else echo "credentials not found in native keychain"; exit 1; fi ;;\nesac\n`,
  );
  chmodSync(join(bin, 'helper.tmp'), 0o755);
  renameSync(join(bin, 'helper.tmp'), join(bin, 'docker-credential-filetest'));
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'filetest' }));
  const store = new CredentialStore({ DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH ?? ''}` });
  assert.equal(store.get('registry.test'), undefined);
  store.store('registry.test', { username: 'carol', password: 'pw' });
  assert.deepEqual(JSON.parse(readFileSync(kept, 'utf8')), { ServerURL: 'registry.test', Username: 'carol', Secret: 'pw' });
  assert.deepEqual(store.get('registry.test'), { serveraddress: 'registry.test', username: 'carol', password: 'pw' });
  assert.equal(store.storesPlainText('registry.test'), false);
  // the secret is not in config.json
  assert.ok(!readFileSync(join(config, 'config.json'), 'utf8').includes('pw'));
  assert.equal(store.erase('registry.test'), true);
  assert.equal(store.get('registry.test'), undefined);
});

test('X-Registry-Auth is padded base64url JSON, as dockerd decodes it', () => {
  const encoded = encodeAuth({ username: 'a?>', password: '~~~' })!;
  assert.match(encoded, /^[A-Za-z0-9_-]+=*$/);
  assert.equal(encoded.length % 4, 0);
  assert.deepEqual(JSON.parse(Buffer.from(encoded, 'base64url').toString()), { username: 'a?>', password: '~~~' });
});
