// Container rows in SQLite: settings written at create (and rewritten only
// by update), state updated as the container runs; all of it also kept in
// memory, read once at start. Lookups follow Docker's GetContainer: full
// id, then name, then a unique id prefix.
import { Conflict, InvalidArgument, NotFound, type Digest } from '../../common/index.js';
import type { ContainerCreateRequest, ContainerStatus, Health } from '../../spec/index.js';
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
  /** Kept apart from `state` (written by the health monitor alone); null until it starts with a healthcheck. */
  health: Health | null;
}

interface Row {
  id: string;
  name: string;
  image_id: string;
  created: number;
  settings: string;
  status: ContainerStatus;
  pid: number;
  exit_code: number;
  error: string;
  oom_killed: number;
  started_at: number | null;
  finished_at: number | null;
  restart_count: number;
  manually_stopped: number;
  health: string | null;
}

const select = `SELECT c.id, c.name, c.image_id, c.created, c.settings, s.status, s.pid, s.exit_code, s.error, s.oom_killed,
                       s.started_at, s.finished_at, s.restart_count, s.manually_stopped, s.health
                FROM containers c JOIN container_state s ON s.id = c.id`;

/** Whether a container's process is there (running, frozen, or between restarts). */
export function isLive(status: ContainerStatus): boolean {
  return status === 'running' || status === 'paused' || status === 'restarting';
}

export function noSuchContainer(ref: string): NotFound {
  return new NotFound(`No such container: ${ref}`);
}

/** Docker's message for a name another container holds. */
export function nameConflict(name: string, id: string): Conflict {
  return new Conflict(
    `Conflict. The container name ${JSON.stringify(name)} is already in use by container ${JSON.stringify(id)}. You have to remove (or rename) that container to be able to reuse that name.`,
  );
}

function createdState(): ContainerStateRecord {
  return { status: 'created', pid: 0, exitCode: 0, error: '', oomKilled: false, startedAt: null, finishedAt: null, restartCount: 0, manuallyStopped: false };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class ContainerStore {
  private readonly statements;
  /**
   * Every container, read once at start and kept in step with each write:
   * the daemon is the database's only writer, and listing is a hot path
   * (callers must not mutate the records).
   */
  private readonly records = new Map<string, ContainerRecord>();
  /** Ids, newest first. */
  private order: string[] = [];

  constructor(private readonly db: Database) {
    db.migrate(migrationOwner, migrations);
    const sql = db.sql;
    this.statements = {
      all: sql.prepare(`${select} ORDER BY c.created DESC, c.rowid DESC`),
      byName: sql.prepare('SELECT id FROM containers WHERE name = ?'),
      byPrefix: sql.prepare('SELECT id FROM containers WHERE substr(id, 1, ?) = ? LIMIT 2'),
      insert: sql.prepare('INSERT INTO containers (id, name, image_id, created, settings) VALUES (?, ?, ?, ?, ?)'),
      insertState: sql.prepare("INSERT INTO container_state (id, status) VALUES (?, 'created')"),
      delete: sql.prepare('DELETE FROM containers WHERE id = ?'),
      saveState: sql.prepare(
        `UPDATE container_state SET status = ?, pid = ?, exit_code = ?, error = ?, oom_killed = ?, started_at = ?, finished_at = ?,
                restart_count = ?, manually_stopped = ? WHERE id = ?`,
      ),
      saveHealth: sql.prepare('UPDATE container_state SET health = ? WHERE id = ?'),
      rename: sql.prepare('UPDATE containers SET name = ? WHERE id = ?'),
      saveSettings: sql.prepare('UPDATE containers SET settings = ? WHERE id = ?'),
    };
    for (const row of this.statements.all.all() as Row[]) {
      const record = this.toRecord(row);
      this.records.set(record.id, record);
      this.order.push(record.id);
    }
  }

  /** Inserts a new container in the 'created' state; Conflict (Docker's message) when its name is taken. */
  insert(c: Omit<ContainerRecord, 'state' | 'health'>): void {
    try {
      this.db.transaction(() => {
        this.statements.insert.run(c.id, c.name, c.imageId, c.created, JSON.stringify(c.settings));
        this.statements.insertState.run(c.id);
      });
      this.records.set(c.id, { ...c, state: createdState(), health: null });
      this.order.unshift(c.id);
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
    return this.records.get(id);
  }

  /** Every container, newest first. */
  all(): ContainerRecord[] {
    return this.order.map((id) => this.records.get(id) as ContainerRecord);
  }

  ids(): Set<string> {
    return new Set(this.order);
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
    this.update(id, { state: s });
  }

  saveHealth(id: string, health: Health): void {
    this.statements.saveHealth.run(JSON.stringify(health), id);
    this.update(id, { health });
  }

  /** Gives a container another name ("/name"); Conflict (Docker's message) when another container holds it. */
  rename(id: string, name: string): void {
    try {
      this.statements.rename.run(name, id);
      this.update(id, { name });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw nameConflict(name, this.nameOwner(name) ?? '');
    }
  }

  /** Replaces a container's settings (container update). */
  saveSettings(id: string, settings: StoredSettings): void {
    this.statements.saveSettings.run(JSON.stringify(settings), id);
    this.update(id, { settings });
  }

  delete(id: string): void {
    this.statements.delete.run(id);
    this.records.delete(id);
    this.order = this.order.filter((other) => other !== id);
  }

  /** The containers using each image, for the image service (rmi, prune, counts). */
  imageUsers(): Map<string, { id: string; running: boolean }[]> {
    const users = new Map<string, { id: string; running: boolean }[]>();
    for (const c of this.records.values()) {
      const list = users.get(c.imageId) ?? [];
      const status = c.state.status;
      list.push({ id: c.id, running: status === 'running' || status === 'paused' || status === 'restarting' });
      users.set(c.imageId, list);
    }
    return users;
  }

  private update(id: string, change: Partial<ContainerRecord>): void {
    const record = this.records.get(id);
    if (record !== undefined) this.records.set(id, { ...record, ...change });
  }

  private toRecord(r: Row): ContainerRecord {
    return {
      id: r.id,
      name: r.name,
      imageId: r.image_id,
      created: r.created,
      settings: JSON.parse(r.settings) as StoredSettings,
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
      health: r.health === null ? null : (JSON.parse(r.health) as Health),
    };
  }
}
