// Volume rows in SQLite: name, driver, creation time, labels and options.
import type { Database } from '../../storage/index.js';
import { migrationOwner, migrations } from './schema.js';

export interface VolumeRecord {
  name: string;
  driver: string;
  /** ms since the epoch. */
  created: number;
  labels: Record<string, string>;
  options: Record<string, string>;
}

interface Row {
  name: string;
  driver: string;
  created: number;
  labels: string;
  options: string;
}

function toRecord(r: Row): VolumeRecord {
  return {
    name: r.name,
    driver: r.driver,
    created: r.created,
    labels: JSON.parse(r.labels) as Record<string, string>,
    options: JSON.parse(r.options) as Record<string, string>,
  };
}

export class VolumeStore {
  private readonly statements;

  constructor(db: Database) {
    db.migrate(migrationOwner, migrations);
    const sql = db.sql;
    this.statements = {
      all: sql.prepare('SELECT name, driver, created, labels, options FROM volumes ORDER BY name'),
      get: sql.prepare('SELECT name, driver, created, labels, options FROM volumes WHERE name = ?'),
      insert: sql.prepare('INSERT INTO volumes (name, driver, created, labels, options) VALUES (?, ?, ?, ?, ?)'),
      delete: sql.prepare('DELETE FROM volumes WHERE name = ?'),
    };
  }

  get(name: string): VolumeRecord | undefined {
    const row = this.statements.get.get(name) as Row | undefined;
    return row && toRecord(row);
  }

  /** Every volume, by name. */
  all(): VolumeRecord[] {
    return (this.statements.all.all() as Row[]).map(toRecord);
  }

  insert(v: VolumeRecord): void {
    this.statements.insert.run(v.name, v.driver, v.created, JSON.stringify(v.labels), JSON.stringify(v.options));
  }

  delete(name: string): void {
    this.statements.delete.run(name);
  }
}
