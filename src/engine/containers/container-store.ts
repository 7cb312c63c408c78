// Container rows in SQLite: settings written at create (and rewritten only
// by update), state updated as the container runs. Lookups follow Docker's GetContainer: full id,
// then name, then a unique id prefix.
import { Conflict, InvalidArgument, NotFound, type Digest } from '../../common/index.js';
import type { ContainerCreateRequest, ContainerStatus } from '../../spec/index.js';
import type { Database } from '../../storage/index.js';
import type { ResolvedMount } from './mount-points.js';
import { migrationOwner, migrations } from './schema.js';

/** What a container is made of, fixed at create but for the limits and restart policy `update` changes. */
export interface StoredSettings extends ContainerCreateRequest {
  /** The process: the entrypoint (or first word of the command) and its arguments. */
  Path: string;
  Args: string[];
  /** The image's layer chain ids, bottom first: the container's lower layers. */
  Layers: Digest[];
  /** Binds, volumes (named once created) and tmpfs mounts, resolved at create. */
  MountPoints: ResolvedMount[];
}

export interface ContainerStateRecord {
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  /** ms since the epoch, null until it happened. */
  startedAt: number | null;
  finishedAt: number | null;
  restartCount: number;
  manuallyStopped: boolean;
}

export interface ContainerRecord {
  id: string;
  /** "/name" */
  name: string;
  imageId: string;
  /** ms since the epoch. */
  created: number;
  settings: StoredSettings;
  state: ContainerStateRecord;
}

interface Row {
  id: string;
  name: string;
  image_id: string;
  created: number;
  status: ContainerStatus;
  pid: number;
  exit_code: number;
  error: string;
  oom_killed: number;
  started_at: number | null;
  finished_at: number | null;
  restart_count: number;
  manually_stopped: number;
}

// Without the settings: they never change, so each is read (and parsed) once, by settingsOf.
const select = `SELECT c.id, c.name, c.image_id, c.created, s.status, s.pid, s.exit_code, s.error, s.oom_killed,
                       s.started_at, s.finished_at, s.restart_count, s.manually_stopped
                FROM containers c JOIN container_state s ON s.id = c.id`;

export function noSuchContainer(ref: string): NotFound {
  return new NotFound(`No such container: ${ref}`);
}

/** Docker's message for a name another container holds. */
export function nameConflict(name: string, id: string): Conflict {
  return new Conflict(
    `Conflict. The container name ${JSON.stringify(name)} is already in use by container ${JSON.stringify(id)}. You have to remove (or rename) that container to be able to reuse that name.`,
  );
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class ContainerStore {
  private readonly statements;
  /** Parsed settings by id, each parsed once and replaced by saveSettings (callers must not mutate them). */
  private readonly settings = new Map<string, StoredSettings>();

  constructor(private readonly db: Database) {
    db.migrate(migrationOwner, migrations);
    const sql = db.sql;
    this.statements = {
      all: sql.prepare(`${select} ORDER BY c.created DESC, c.rowid DESC`),
      byId: sql.prepare(`${select} WHERE c.id = ?`),
      settingsOf: sql.prepare('SELECT settings FROM containers WHERE id = ?').pluck(),
      byName: sql.prepare('SELECT id FROM containers WHERE name = ?'),
      byPrefix: sql.prepare('SELECT id FROM containers WHERE substr(id, 1, ?) = ? LIMIT 2'),
      insert: sql.prepare('INSERT INTO containers (id, name, image_id, created, settings) VALUES (?, ?, ?, ?, ?)'),
      insertState: sql.prepare("INSERT INTO container_state (id, status) VALUES (?, 'created')"),
      delete: sql.prepare('DELETE FROM containers WHERE id = ?'),
      saveState: sql.prepare(
        `UPDATE container_state SET status = ?, pid = ?, exit_code = ?, error = ?, oom_killed = ?, started_at = ?, finished_at = ?,
                restart_count = ?, manually_stopped = ? WHERE id = ?`,
      ),
      ids: sql.prepare('SELECT id FROM containers'),
      rename: sql.prepare('UPDATE containers SET name = ? WHERE id = ?'),
      saveSettings: sql.prepare('UPDATE containers SET settings = ? WHERE id = ?'),
      users: sql.prepare("SELECT c.id, c.image_id, s.status FROM containers c JOIN container_state s ON s.id = c.id"),
    };
  }

  /** Inserts a new container in the 'created' state; Conflict (Docker's message) when its name is taken. */
  insert(c: Omit<ContainerRecord, 'state'>): void {
    try {
      this.db.transaction(() => {
        this.statements.insert.run(c.id, c.name, c.imageId, c.created, JSON.stringify(c.settings));
        this.statements.insertState.run(c.id);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const owner = this.nameOwner(c.name);
      if (owner !== undefined) throw nameConflict(c.name, owner);
      throw err;
    }
  }

  /** The id of the container holding `name` ("/name"). */
  nameOwner(name: string): string | undefined {
    return (this.statements.byName.get(name) as { id: string } | undefined)?.id;
  }

  get(id: string): ContainerRecord | undefined {
    const row = this.statements.byId.get(id) as Row | undefined;
    return row && this.toRecord(row);
  }

  /** Every container, newest first. */
  all(): ContainerRecord[] {
    return (this.statements.all.all() as Row[]).map((r) => this.toRecord(r));
  }

  ids(): Set<string> {
    return new Set((this.statements.ids.all() as { id: string }[]).map((r) => r.id));
  }

  /** Docker's GetContainer: a full id, a name, or a unique id prefix. */
  resolve(ref: string): ContainerRecord {
    if (ref === '') throw noSuchContainer(ref);
    const byId = /^[0-9a-f]{64}$/.test(ref) ? this.get(ref) : undefined;
    if (byId) return byId;
    const named = this.nameOwner(ref.startsWith('/') ? ref : `/${ref}`);
    if (named !== undefined) {
      const c = this.get(named);
      if (c) return c;
    }
    if (/^[0-9a-f]+$/.test(ref)) {
      const rows = this.statements.byPrefix.all(ref.length, ref) as { id: string }[];
      if (rows.length > 1) throw new InvalidArgument(`multiple IDs found with provided prefix: ${ref}`);
      const c = rows[0] && this.get(rows[0].id);
      if (c) return c;
    }
    throw noSuchContainer(ref);
  }

  saveState(id: string, s: ContainerStateRecord): void {
    this.statements.saveState.run(s.status, s.pid, s.exitCode, s.error, s.oomKilled ? 1 : 0, s.startedAt, s.finishedAt, s.restartCount, s.manuallyStopped ? 1 : 0, id);
  }

  /** Gives a container another name ("/name"); Conflict (Docker's message) when another container holds it. */
  rename(id: string, name: string): void {
    try {
      this.statements.rename.run(name, id);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw nameConflict(name, this.nameOwner(name) ?? '');
    }
  }

  /** Replaces a container's settings (container update). */
  saveSettings(id: string, settings: StoredSettings): void {
    this.statements.saveSettings.run(JSON.stringify(settings), id);
    this.settings.set(id, settings);
  }

  delete(id: string): void {
    this.statements.delete.run(id);
    this.settings.delete(id);
  }

  /** The containers using each image, for the image service (rmi, prune, counts). */
  imageUsers(): Map<string, { id: string; running: boolean }[]> {
    const users = new Map<string, { id: string; running: boolean }[]>();
    for (const r of this.statements.users.all() as { id: string; image_id: string; status: ContainerStatus }[]) {
      const list = users.get(r.image_id) ?? [];
      list.push({ id: r.id, running: r.status === 'running' || r.status === 'paused' || r.status === 'restarting' });
      users.set(r.image_id, list);
    }
    return users;
  }

  private toRecord(r: Row): ContainerRecord {
    let settings = this.settings.get(r.id);
    if (!settings) {
      settings = JSON.parse(this.statements.settingsOf.get(r.id) as string) as StoredSettings;
      this.settings.set(r.id, settings);
    }
    return {
      id: r.id,
      name: r.name,
      imageId: r.image_id,
      created: r.created,
      settings,
      state: {
        status: r.status,
        pid: r.pid,
        exitCode: r.exit_code,
        error: r.error,
        oomKilled: r.oom_killed !== 0,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        restartCount: r.restart_count,
        manuallyStopped: r.manually_stopped !== 0,
      },
    };
  }
}
