import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveUser } from './user.js';

describe('resolveUser', () => {
  const root = mkdtempSync(join(tmpdir(), 'cais-user-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nwww:x:33:33::/var/www:/bin/sh\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nwww:x:33:\nwheel:x:10:www,root\naudio:x:29:www\n');

  it('defaults to root with its supplementary groups', () => {
    assert.deepEqual(resolveUser(root, ''), { uid: 0, gid: 0, additionalGids: [10] });
  });
  it('resolves names and numbers', () => {
    assert.deepEqual(resolveUser(root, 'www'), { uid: 33, gid: 33, additionalGids: [10, 29] });
    assert.deepEqual(resolveUser(root, '33:wheel'), { uid: 33, gid: 10, additionalGids: [] });
    assert.deepEqual(resolveUser(root, '1234:5678'), { uid: 1234, gid: 5678, additionalGids: [] });
  });
  it('adds --group-add groups', () => {
    assert.deepEqual(resolveUser(root, '1234', ['audio', '4000']), { uid: 1234, gid: 0, additionalGids: [29, 4000] });
  });
  it("fails with runc's messages for unknown names", () => {
    assert.throws(() => resolveUser(root, 'nobody'), { message: 'unable to find user nobody: no matching entries in passwd file' });
    assert.throws(() => resolveUser(root, 'www:nogroup'), { message: 'unable to find group nogroup: no matching entries in group file' });
  });
});
