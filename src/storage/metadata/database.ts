// The metadata database: one SQLite file (WAL) shared by every folder that
// keeps rows (layers, images, ...). Each owner migrates its own tables with
// numbered SQL steps; `schema_versions` remembers how far each owner got.
import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { FailedPrecondition, InvalidArgument, errorMessage } from '../../common/index.js';

const busyTimeoutMs = 5000;

export class Database {
  /** The better-sqlite3 handle, for prepared statements. */
  readonly sql: BetterSqlite3.Database;

  private constructor(sql: BetterSqlite3.Database) {
    this.sql = sql;
  }

  static open(file: string): Database {
    let sql: BetterSqlite3.Database | undefined;
    try {
      // Owner-only, whatever the umask; SQLite gives the -wal and -shm files the same mode.
      if (file !== ':memory:') closeSync(openSync(file, 'a', 0o600));
      sql = new BetterSqlite3(file, { timeout: busyTimeoutMs });
      sql.pragma('journal_mode = WAL');
      sql.pragma('synchronous = NORMAL');
      sql.pragma('foreign_keys = ON');
      sql.exec('CREATE TABLE IF NOT EXISTS schema_versions (owner TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    } catch (err) {
      sql?.close();
      throw new FailedPrecondition(`cannot open database ${file}: ${errorMessage(err)}`, { cause: err });
    }
    return new Database(sql);
  }

  /**
   * Brings `owner`'s tables up to date: applies steps[version..] (each an
   * SQL script) and records the new version, all in one transaction, so a
   * failing step leaves the database as it was. A database written by a
   * newer cais (version > steps.length) is refused.
   */
  migrate(owner: string, steps: readonly string[]): void {
    if (owner === '') throw new InvalidArgument('migration owner must not be empty');
    this.transaction(() => {
      const row = this.sql.prepare('SELECT version FROM schema_versions WHERE owner = ?').get(owner) as
        | { version: number }
        | undefined;
      const current = row?.version ?? 0;
      if (current > steps.length) {
        throw new FailedPrecondition(
          `database schema of ${owner} is version ${current}, newer than this version of cais supports (${steps.length})`,
        );
      }
      if (current === steps.length) return;
      for (const step of steps.slice(current)) this.sql.exec(step);
      this.sql
        .prepare('INSERT INTO schema_versions (owner, version) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET version = excluded.version')
        .run(owner, steps.length);
    });
  }

  /** The schema version recorded for owner (0 when it never migrated). */
  version(owner: string): number {
    const row = this.sql.prepare('SELECT version FROM schema_versions WHERE owner = ?').get(owner) as
      | { version: number }
      | undefined;
    return row?.version ?? 0;
  }

  /**
   * Runs fn in an immediate transaction (the write lock is taken at the
   * start, so two writers never deadlock upgrading read locks). fn must be
   * synchronous; it commits when fn returns and rolls back when it throws.
   * Nested calls become savepoints.
   */
  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn).immediate();
  }

  close(): void {
    this.sql.close();
  }
}
