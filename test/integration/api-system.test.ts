// The system endpoints of a real daemon, on the wire and through the docker
// CLI: /_ping, /version, /info, /system/df, unknown paths, API versions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SystemVersion } from '../../src/spec/index.js';
import { rawRequest, startDaemon, type TestDaemon } from '../support/daemon.js';
import { dockerDefinition } from '../support/schemas.js';
import { runOk } from '../support/exec.js';

let daemon: TestDaemon;
let dockerConfig: string;

before(async () => {
  daemon = await startDaemon();
  dockerConfig = await mkdtemp(join(tmpdir(), 'cais-docker-config-'));
});
after(async () => {
  await daemon?.stop();
  if (dockerConfig) await rm(dockerConfig, { recursive: true, force: true });
});

const docker = (args: string[]) => runOk('docker', args, { env: { ...process.env, DOCKER_HOST: daemon.host, DOCKER_CONFIG: dockerConfig } });

test('GET and HEAD /_ping: OK and Docker\'s headers', async () => {
  for (const method of ['GET', 'HEAD']) {
    const r = await rawRequest(daemon.socketPath, method, '/_ping');
    assert.equal(r.status, 200);
    assert.equal(r.body, method === 'GET' ? 'OK' : '');
    assert.equal(r.headers['api-version'], '1.50');
    assert.equal(r.headers['docker-experimental'], 'false');
    assert.equal(r.headers['ostype'], 'linux');
    assert.equal(r.headers['builder-version'], '1');
    assert.equal(r.headers['cache-control'], 'no-cache, no-store, must-revalidate');
    assert.equal(r.headers['pragma'], 'no-cache');
    assert.match(String(r.headers['server']), /^cais\/\S+ \(linux\)$/);
  }
  assert.deepEqual(await daemon.client.ping(), { apiVersion: '1.50' });
});

test('/version matches the swagger and names the API versions served', async () => {
  const r = await rawRequest(daemon.socketPath, 'GET', '/v1.50/version');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  const body = JSON.parse(r.body) as SystemVersion;
  const validate = dockerDefinition('SystemVersion');
  assert.ok(validate(body), JSON.stringify(validate.errors));
  assert.equal(body.ApiVersion, '1.50');
  assert.equal(body.MinAPIVersion, '1.24');
  assert.equal(body.Os, 'linux');
  // The Server header names the same version.
  assert.equal(r.headers['server'], `cais/${body.Version} (linux)`);
  assert.deepEqual(await daemon.client.version(), body);
});

test('/info and /system/df answer JSON the swagger accepts', async () => {
  const info = await daemon.client.info();
  const validate = dockerDefinition('SystemInfo');
  assert.ok(validate(info), JSON.stringify(validate.errors));
  assert.equal(info.DockerRootDir, daemon.dataRoot);
  assert.deepEqual(info.Swarm, { LocalNodeState: 'inactive', NodeID: '', NodeAddr: '', ControlAvailable: false, Error: '', RemoteManagers: null });
  assert.deepEqual(info.Plugins, { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: [], Log: ['json-file', 'k8s-file'] });
  assert.deepEqual(info.Runtimes, { crun: { path: 'crun' }, runc: { path: 'runc' } });
  const df = await daemon.client.dataUsage();
  assert.ok(Array.isArray(df.Images));
});

test('unknown paths are 404 "page not found"', async () => {
  for (const path of ['/nope', '/v1.50/nope', '/v1.50/containers/x/nope']) {
    const r = await rawRequest(daemon.socketPath, 'GET', path);
    assert.equal(r.status, 404);
    assert.deepEqual(JSON.parse(r.body), { message: 'page not found' });
    assert.equal(r.headers['api-version'], '1.50');
  }
});

test('a client version above 1.50 or below 1.24 is refused with 400', async () => {
  const tooNew = await rawRequest(daemon.socketPath, 'GET', '/v1.51/version');
  assert.equal(tooNew.status, 400);
  assert.deepEqual(JSON.parse(tooNew.body), { message: 'client version 1.51 is too new. Maximum supported API version is 1.50' });
  const tooOld = await rawRequest(daemon.socketPath, 'GET', '/v1.23/version');
  assert.equal(tooOld.status, 400);
  assert.equal(
    tooOld.body.trim(),
    'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version',
  );
  // Every version in the range is served.
  for (const v of ['1.24', '1.41', '1.50']) assert.equal((await rawRequest(daemon.socketPath, 'GET', `/v${v}/_ping`)).status, 200);
});

test('docker version and docker info print the cais server', async () => {
  const version = await docker(['version']);
  assert.match(version, /^Server:/m);
  assert.match(version, /API version:\s+1\.50 \(minimum version 1\.24\)/);
  const server = JSON.parse(await docker(['version', '--format', '{{json .Server}}']));
  assert.equal(server.ApiVersion, '1.50');
  assert.equal(server.Os, 'linux');
  const info = await docker(['info', '--format', '{{json .}}']);
  const parsed = JSON.parse(info);
  assert.equal(parsed.DockerRootDir, daemon.dataRoot);
  assert.equal(parsed.OSType, 'linux');
  const text = await docker(['info']);
  assert.match(text, /^Server:/m);
  assert.match(text, /Server Version:/);
  // Not in a swarm: no empty node lines; the drivers and runtimes cais names.
  assert.match(text, /^ Swarm: inactive$/m);
  assert.doesNotMatch(text, /NodeID:|Is Manager:|Node Address:/);
  assert.match(text, /^ Logging Driver: k8s-file$/m);
  assert.match(text, /^ Cgroup Driver: cgroupfs$/m);
  assert.match(text, /^ Cgroup Version: [12]$/m);
  assert.match(text, /^ {2}Volume: local$/m);
  assert.match(text, /^ {2}Log: json-file k8s-file$/m);
  assert.match(text, /^ Runtimes: (crun runc|runc crun)$/m);
  assert.match(text, /^ Default Runtime: crun$/m);
  assert.match(text, /^ Security Options:\n {2}seccomp\n {3}Profile: builtin$/m);
  assert.match(text, new RegExp(`Docker Root Dir: ${daemon.dataRoot}`));
});
