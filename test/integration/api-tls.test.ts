// A daemon on tcp:// with mutual TLS: a client with a certificate from the
// daemon's CA is served; one without a certificate, or with one from
// another CA, does not get past the handshake. The real docker CLI works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, type TlsOptions } from '../../src/client/index.js';
import { makeTestCerts, startDaemon, type TestCerts, type TestDaemon } from '../support/daemon.js';
import { run } from '../support/exec.js';

let dir: string;
let certs: TestCerts;
let stranger: TestCerts;
let daemon: TestDaemon;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-tls-'));
  await mkdir(join(dir, 'ours'));
  await mkdir(join(dir, 'theirs'));
  certs = makeTestCerts(join(dir, 'ours'));
  stranger = makeTestCerts(join(dir, 'theirs'));
  daemon = await startDaemon({ tls: { caCert: certs.caCert, serverCert: certs.serverCert, serverKey: certs.serverKey } });
});
after(async () => {
  await daemon?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function tlsOptions(c: TestCerts, ca = certs.caCert): Promise<TlsOptions> {
  return { ca: await readFile(ca), cert: await readFile(c.clientCert), key: await readFile(c.clientKey) };
}

function tcpPort(): number {
  return Number(new URL(daemon.tcpHost ?? '').port);
}

test('a client with a certificate from the daemon\'s CA is served', async () => {
  const client = new EngineClient({ host: daemon.tcpHost ?? '', tls: await tlsOptions(certs) });
  try {
    assert.deepEqual(await client.ping(), { apiVersion: '1.50' });
    assert.equal((await client.version()).ApiVersion, '1.50');
  } finally {
    client.close();
  }
});

test('a client without a certificate fails the handshake', async () => {
  const ca = await readFile(certs.caCert);
  const outcome = await new Promise<string>((resolve) => {
    const req = https.request({ host: '127.0.0.1', port: tcpPort(), path: '/_ping', ca, agent: false }, (res) => {
      res.resume();
      resolve(`served ${res.statusCode}`);
    });
    req.on('error', (err) => resolve(`failed: ${err.message}`));
    req.end();
  });
  assert.match(outcome, /^failed: /);
});

test('a client with a certificate from another CA fails the handshake', async () => {
  const client = new EngineClient({ host: daemon.tcpHost ?? '', tls: await tlsOptions(stranger) });
  try {
    await assert.rejects(client.ping());
  } finally {
    client.close();
  }
});

test('plain HTTP on the TLS port gets no answer', async () => {
  const reply = await new Promise<string>((resolve) => {
    const socket = net.connect(tcpPort(), '127.0.0.1', () => socket.write('GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n'));
    let data = '';
    socket.setEncoding('latin1').on('data', (s: string) => (data += s));
    socket.on('error', () => {});
    socket.on('close', () => resolve(data));
  });
  assert.doesNotMatch(reply, /HTTP\/1\.1 200/);
});

test('docker --tlsverify version works against the daemon', async () => {
  const config = join(dir, 'docker-config');
  await mkdir(config);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: config };
  delete env.DOCKER_HOST;
  const args = ['--tlsverify', '--tlscacert', certs.caCert, '--tlscert', certs.clientCert, '--tlskey', certs.clientKey, '-H', daemon.tcpHost ?? ''];
  const ok = await run('docker', [...args, 'version', '--format', '{{.Server.APIVersion}}'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), '1.50');
  const wrong = ['--tlsverify', '--tlscacert', certs.caCert, '--tlscert', stranger.clientCert, '--tlskey', stranger.clientKey, '-H', daemon.tcpHost ?? ''];
  const refused = await run('docker', [...wrong, 'version', '--format', '{{.Server.APIVersion}}'], { env });
  assert.notEqual(refused.code, 0);
});
