import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedPrecondition } from '../../common/index.js';
import { Database } from './database.js';

async function tempFile(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cais-db-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return join(dir, 'cais.db');
}

const steps = [
  'CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER NOT NULL)',
  'ALTER TABLE things ADD COLUMN note TEXT; INSERT INTO things (id, n, note) VALUES (\'seed\', 1, \'from step 2\')',
];

test('opens with WAL, foreign keys and a busy timeout, readable by its owner only', async (t) => {
  const file = await tempFile(t);
  const db = Database.open(file);
  try {
    db.migrate('modes', [steps[0]!]); // writes the WAL
    for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal((await stat(f)).mode & 0o777, 0o600, f);
    assert.equal(db.sql.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.sql.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.sql.pragma('synchronous', { simple: true }), 1);
    assert.equal(db.sql.pragma('busy_timeout', { simple: true }), 5000);
  } finally {
    db.close();
  }
});

test('migrations apply once and are idempotent across reopen', async (t) => {
  const file = await tempFile(t);
  let db = Database.open(file);
  db.migrate('test', steps.slice(0, 1));
  assert.equal(db.version('test'), 1);
  db.migrate('test', steps);
  assert.equal(db.version('test'), 2);
  db.close();

  db = Database.open(file);
  try {
    db.migrate('test', steps); // would fail on a second ALTER TABLE and duplicate the seed row
    assert.equal(db.version('test'), 2);
    assert.deepEqual(db.sql.prepare('SELECT id, note FROM things').all(), [{ id: 'seed', note: 'from step 2' }]);
    assert.equal(db.version('other'), 0);
  } finally {
    db.close();
  }
});

test('a failing step rolls back every step of that migration', async (t) => {
  const db = Database.open(await tempFile(t));
  try {
    assert.throws(() => db.migrate('test', [steps[0]!, 'INSERT INTO nowhere VALUES (1)']));
    assert.equal(db.version('test'), 0);
    assert.equal(db.sql.prepare("SELECT name FROM sqlite_master WHERE name = 'things'").get(), undefined);
  } finally {
    db.close();
  }
});

test('a database newer than the code is refused', async (t) => {
  const db = Database.open(await tempFile(t));
  try {
    db.migrate('test', steps);
    assert.throws(() => db.migrate('test', steps.slice(0, 1)), FailedPrecondition);
    assert.equal(db.version('test'), 2);
  } finally {
    db.close();
  }
});

test('transaction commits on return and rolls back on throw', async (t) => {
  const db = Database.open(await tempFile(t));
  try {
    db.migrate('test', steps);
    const insert = db.sql.prepare('INSERT INTO things (id, n) VALUES (?, ?)');
    assert.equal(db.transaction(() => insert.run('a', 1).changes), 1);
    assert.throws(() =>
      db.transaction(() => {
        insert.run('b', 2);
        throw new Error('boom');
      }),
    );
    const ids = db.sql.prepare('SELECT id FROM things ORDER BY id').pluck().all();
    assert.deepEqual(ids, ['a', 'seed']);
  } finally {
    db.close();
  }
});

test('a file that is not a database is a FailedPrecondition', async (t) => {
  const file = await tempFile(t);
  await writeFile(file, Buffer.alloc(4096, 7));
  assert.throws(() => Database.open(file), FailedPrecondition);
});
