import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessList } from './access-list.js';
import { formatScope, parseScopes } from './scopes.js';
import { TokenSigner, grants } from './token.js';

test('tokens verify only unaltered, unexpired, for this service and this process', () => {
  const signer = new TokenSigner('svc', 300);
  const now = Date.now();
  const { token, expiresIn } = signer.issue('alice', [{ type: 'repository', name: 'a/b', actions: ['pull'] }], now);
  assert.equal(expiresIn, 300);
  assert.deepEqual(signer.verify(token, now), { account: 'alice', access: [{ type: 'repository', name: 'a/b', actions: ['pull'] }] });
  assert.equal(signer.verify(token, now + 301_000), undefined);
  assert.equal(new TokenSigner('svc').verify(token, now), undefined, 'another key');
  const [h, p, s] = token.split('.') as [string, string, string];
  const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), access: [{ type: 'repository', name: 'a/b', actions: ['push'] }] })).toString('base64url');
  assert.equal(signer.verify(`${h}.${widened}.${s}`, now), undefined);
  assert.equal(signer.verify(`${h}.${p}`, now), undefined);
});

test('scopes parse as Docker writes them', () => {
  assert.deepEqual(parseScopes('repository:a/b:pull,push registry:catalog:*'), [
    { type: 'repository', name: 'a/b', actions: ['pull', 'push'] },
    { type: 'registry', name: 'catalog', actions: ['*'] },
  ]);
  assert.deepEqual(parseScopes('repository:../x:pull repository:a pull'), []);
  assert.equal(formatScope({ type: 'repository', name: 'a', actions: ['pull', 'push'] }), 'repository:a:pull,push');
  assert.equal(grants([{ type: 'registry', name: 'catalog', actions: ['*'] }], 'registry', 'catalog', '*'), true);
  assert.equal(grants([{ type: 'repository', name: 'a', actions: ['pull'] }], 'repository', 'a', 'push'), false);
});

test('the ACL grants what is asked and allowed, by account and name pattern', () => {
  const acl = AccessList.parse(
    [
      { account: 'alice', name: 'team/*', actions: ['*'] },
      { account: '*', name: 'public/*', actions: ['pull'] },
    ],
    'acl',
  );
  const ask = (name: string, ...actions: string[]) => ({ type: 'repository' as const, name, actions });
  assert.deepEqual(acl.grant('alice', ask('team/x/y', 'pull', 'push', 'delete')).actions, ['pull', 'push', 'delete']);
  assert.deepEqual(acl.grant('bob', ask('team/x', 'pull')).actions, []);
  assert.deepEqual(acl.grant(undefined, ask('public/base', 'pull', 'push')).actions, ['pull']);
  assert.deepEqual(acl.grant('alice', ask('teamx', 'pull')).actions, []);
  assert.throws(() => AccessList.parse([{ account: 'a', name: 'x', actions: ['write'] }], 'acl'), /actions must be/);
  assert.throws(() => AccessList.parse({}, 'acl'), /expected an array/);
});
