// The CNCF distribution registry (Debian's docker-registry, 2.8) on
// 127.0.0.1 with a temporary root, optionally with htpasswd (bcrypt) basic
// auth or with token auth (a token server's realm, and the certificates its
// RS256 JWTs are checked against, x5c chains): a registry nobody here
// wrote, for interop tests and benchmarks. stop() kills it and removes its
// files.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { freePort } from './daemon.js';

export interface DistributionRegistry {
  /** 127.0.0.1:PORT, as a reference's domain. */
  readonly domain: string;
  /** Its storage root (the filesystem driver's rootdirectory). */
  readonly root: string;
  stop(): Promise<void>;
}

const readyTimeoutMs = 15_000;

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

export interface DistributionRegistryOptions {
  htpasswd?: { user: string; password: string };
  /** distribution's `auth: token:` section; rootCertBundle is a PEM file of the certificates that may sign tokens. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

export async function startDistributionRegistry(opts: DistributionRegistryOptions = {}): Promise<DistributionRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-distribution-'));
  const port = await freePort();
  const root = join(dir, 'storage');
  let auth = '';
  if (opts.htpasswd) {
    const file = join(dir, 'htpasswd');
    await writeFile(file, `${opts.htpasswd.user}:${bcrypt.hashSync(opts.htpasswd.password, 5)}\n`);
    auth = `auth:\n  htpasswd:\n    realm: cais-test\n    path: ${file}\n`;
  } else if (opts.token) {
    const { realm, service, issuer, rootCertBundle } = opts.token;
    auth = `auth:\n  token:\n    realm: ${realm}\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${rootCertBundle}\n`;
  }
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${root}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8192)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { domain: `127.0.0.1:${port}`, root, stop };
}
