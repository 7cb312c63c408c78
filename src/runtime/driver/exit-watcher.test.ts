import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { ExitWatcher } from './exit-watcher.js';

const dir = mkdtempSync(join(tmpdir(), 'cais-exits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

it('resolves with the code conmon writes', async () => {
  const watcher = new ExitWatcher(dir);
  const exited = watcher.wait('a', () => true);
  writeFileSync(join(dir, 'a'), '3');
  assert.equal(await exited, 3);
  watcher.close();
});

it('fails pending waits when closed, and stops polling (the process can exit)', async () => {
  const watcher = new ExitWatcher(dir);
  const pending = watcher.wait('b', () => true);
  watcher.close();
  await assert.rejects(pending, /the exit watcher was closed/);
});
