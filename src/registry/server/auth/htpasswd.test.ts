import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { Htpasswd } from './htpasswd.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cais-htpasswd-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('bcrypt entries of every prefix verify; others are refused at load', async () => {
  const file = join(dir, 'ok');
  const hash = bcrypt.hashSync('secret', 4);
  await writeFile(file, `# comment\n\nalice:${hash.replace('$2b$', '$2y$')}\nbob:${hash.replace('$2b$', '$2a$')}\r\ncarol:${hash}\n`);
  const users = await Htpasswd.load(file);
  for (const user of ['alice', 'bob', 'carol']) assert.equal(await users.verify(user, 'secret'), true, user);
  assert.equal(await users.verify('alice', 'secret'), true, 'remembered');
  assert.equal(await users.verify('alice', 'wrong'), false);
  assert.equal(await users.verify('mallory', 'secret'), false);

  const md5 = join(dir, 'md5');
  await writeFile(md5, 'alice:$apr1$abcdefgh$0123456789abcdefghijkl\n');
  await assert.rejects(Htpasswd.load(md5), /line 1: .*only bcrypt/);
  const empty = join(dir, 'empty');
  await writeFile(empty, '# nobody\n');
  await assert.rejects(Htpasswd.load(empty), /no users/);
});
