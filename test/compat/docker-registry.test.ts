// The real docker CLI (28.x) through a cais daemon pushes to and pulls from
// both the CNCF distribution registry (Debian's docker-registry) and `cais
// registry serve`; an image pulled back has the digests it was pushed with
// and runs. `docker login` against a registry with basic auth, and a token
// registry whose scope lets a user pull but not push.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { serveRegistry, type RunningRegistry } from '../../src/registry/server/index.js';
import { type TestDaemon, startDaemon } from '../support/daemon.js';
import { dockerEnv, importBusybox } from '../support/docker-env.js';
import { type DistributionRegistry, startDistributionRegistry } from '../support/distribution-registry.js';
import { run, runOk } from '../support/exec.js';

let daemon: TestDaemon;
let env: NodeJS.ProcessEnv;
let work: string;
let distribution: DistributionRegistry;
let served: RunningRegistry;
let secured: RunningRegistry;
let tokens: RunningRegistry;

const docker = (args: string[], input?: string) => run('docker', args, { env, ...(input !== undefined ? { input } : {}) });
const dockerOk = (args: string[]) => runOk('docker', args, { env });

before(async () => {
  daemon = await startDaemon();
  env = dockerEnv(daemon);
  work = await mkdtemp(join(tmpdir(), 'cais-docker-registry-'));
  await importBusybox(env);
  distribution = await startDistributionRegistry();
  const quiet = (): void => undefined;
  served = await serveRegistry({ addr: '127.0.0.1:0', root: join(work, 'served'), log: quiet });
  const htpasswd = join(work, 'htpasswd');
  await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5)}\nbob:${bcrypt.hashSync('builder', 5)}\n`);
  secured = await serveRegistry({ addr: '127.0.0.1:0', root: join(work, 'secured'), htpasswd, log: quiet });
  const acl = join(work, 'acl.json');
  await writeFile(acl, JSON.stringify([
    { account: 'alice', name: '*', actions: ['pull', 'push'] },
    { account: 'bob', name: '*', actions: ['pull'] },
  ]));
  tokens = await serveRegistry({ addr: '127.0.0.1:0', root: join(work, 'tokens'), htpasswd, auth: 'token', tokenAcl: acl, log: quiet });
});

after(async () => {
  await daemon?.stop();
  await distribution?.stop();
  for (const r of [served, secured, tokens]) await r?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

for (const which of ['the distribution registry', 'cais registry serve'] as const) {
  describe(`docker push and pull through cais against ${which}`, () => {
    it('pushes, pulls back the same digests, and runs what it pulled', async () => {
      const domain = which === 'cais registry serve' ? served.address : distribution.domain;
      const name = `${domain}/compat/bb:1`;
      await dockerOk(['tag', 'bb:latest', name]);
      const pushed = await dockerOk(['push', name]);
      assert.match(pushed, /Pushed/);
      const digest = /1: digest: (sha256:[0-9a-f]{64}) size: \d+/.exec(pushed)?.[1];
      assert.ok(digest, pushed);
      assert.match(await dockerOk(['push', name]), /Layer already exists/);
      const id = (await dockerOk(['image', 'inspect', '-f', '{{.Id}}', name])).trim();
      // nothing of it left in the store, so every layer travels
      await dockerOk(['rmi', name, 'bb:latest']);
      const pulled = await dockerOk(['pull', name]);
      assert.match(pulled, /Pull complete/);
      assert.match(pulled, new RegExp(`Digest: ${digest}`));
      assert.equal((await dockerOk(['image', 'inspect', '-f', '{{.Id}}', name])).trim(), id);
      assert.equal((await dockerOk(['image', 'inspect', '-f', '{{index .RepoDigests 0}}', name])).trim(), `${domain}/compat/bb@${digest}`);
      assert.equal(await dockerOk(['run', '--rm', name, 'echo', 'pulled']), 'pulled\n');
      // a third tool reads what was pushed: skopeo sees the same manifest digest
      const inspect = JSON.parse(await runOk('skopeo', ['inspect', '--tls-verify=false', `docker://${name}`])) as { Digest: string };
      assert.equal(inspect.Digest, digest);
      await dockerOk(['tag', name, 'bb:latest']);
      await dockerOk(['rmi', name]);
    });
  });
}

describe('docker login through cais', () => {
  it('a wrong password is refused; after login a push works', async () => {
    const name = `${secured.address}/alice/bb:1`;
    await dockerOk(['tag', 'bb:latest', name]);
    const anonymous = await docker(['push', name]);
    assert.notEqual(anonymous.code, 0);
    const wrong = await docker(['login', '-u', 'alice', '--password-stdin', secured.address], 'queen\n');
    assert.notEqual(wrong.code, 0);
    const login = await docker(['login', '-u', 'alice', '--password-stdin', secured.address], 'wonderland\n');
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Login Succeeded/);
    assert.match(await dockerOk(['push', name]), /Pushed/);
    await dockerOk(['logout', secured.address]);
  });

  it('with tokens, a user whose scope is pull only cannot push', async () => {
    const name = `${tokens.address}/team/bb:1`;
    await dockerOk(['tag', 'bb:latest', name]);
    assert.equal((await docker(['login', '-u', 'alice', '--password-stdin', tokens.address], 'wonderland\n')).code, 0);
    assert.match(await dockerOk(['push', name]), /Pushed/);
    assert.equal((await docker(['login', '-u', 'bob', '--password-stdin', tokens.address], 'builder\n')).code, 0);
    await dockerOk(['tag', 'bb:latest', name.replace(':1', ':2')]);
    const refused = await docker(['push', name.replace(':1', ':2')]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /denied|unauthorized|insufficient/i);
    await dockerOk(['rmi', name, name.replace(':1', ':2')]);
    assert.match(await dockerOk(['pull', name]), /Downloaded newer image/);
    await dockerOk(['logout', tokens.address]);
  });
});
