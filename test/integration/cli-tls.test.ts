// The CLI over TCP with mutual TLS, configured as docker is: with flags, or
// with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH (ca.pem,
// cert.pem, key.pem in that directory).
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../support/exec.js';
import { type TestCerts, type TestDaemon, makeTestCerts, startDaemon } from '../support/daemon.js';

const cliEntry = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

let daemon: TestDaemon;
let certs: TestCerts;
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'cais-cli-tls-'));
  certs = makeTestCerts(work);
  daemon = await startDaemon({ tls: { caCert: certs.caCert, serverCert: certs.serverCert, serverKey: certs.serverKey } });
});

after(async () => {
  await daemon?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The environment without any host or TLS settings of the caller's. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ['CAIS_HOST', 'DOCKER_HOST', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) if (!(k in extra)) delete env[k];
  return env;
}

describe('cais over TLS', () => {
  it('connects with --tlsverify and the certificate flags', async () => {
    const r = await run(
      process.execPath,
      [cliEntry, '-H', daemon.tcpHost as string, '--tlsverify', '--tlscacert', certs.caCert, '--tlscert', certs.clientCert, '--tlskey', certs.clientKey, 'images', '-q'],
      { env: cleanEnv({}) },
    );
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });

  it('takes DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as docker does', async () => {
    const certDir = join(work, 'client');
    await mkdir(certDir);
    await copyFile(certs.caCert, join(certDir, 'ca.pem'));
    await copyFile(certs.clientCert, join(certDir, 'cert.pem'));
    await copyFile(certs.clientKey, join(certDir, 'key.pem'));
    const env = cleanEnv({ DOCKER_HOST: daemon.tcpHost as string, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir });
    const r = await run(process.execPath, [cliEntry, 'version', '--format', '{{.Server.Os}}'], { env });
    assert.deepEqual(r, { code: 0, stdout: 'linux\n', stderr: '' });
  });

  it("says which certificate it could not read, in docker's words", async () => {
    const missing = join(work, 'nowhere', 'ca.pem');
    const r = await run(process.execPath, [cliEntry, '-H', daemon.tcpHost as string, '--tlsverify', '--tlscacert', missing, 'images'], {
      env: cleanEnv({}),
    });
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: `could not read CA certificate ${JSON.stringify(missing)}: open ${missing}: no such file or directory\n`,
    });
  });
});
