// VolumeService: named and anonymous volumes of the local driver (moby
// volume/service and volume/local). Data lives in <root>/<name>/_data.
// A row exists only while its directory does: create makes the directory
// and then inserts the row; remove deletes the row and renames the
// directory away in one synchronous step, then deletes it. Whatever a
// crash leaves is a directory without a row, which init() removes.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Conflict, Internal, InvalidArgument, NotFound, errorMessage, log, randomId } from '../../common/index.js';
import { boolFilter, filterValues, hasFilter, matchLabels, validateFilters } from '../../images/index.js';
import type { Filters, Volume, VolumeCreateOptions, VolumeListResponse, VolumePruneResponse } from '../../spec/index.js';
import type { Database } from '../../storage/index.js';
import { MNT_DETACH, mount, umount2 } from '../../sys/index.js';
import { directorySize } from '../dir-size.js';
import { mountFlags, needsMount, validateName, validateOptions } from './local-driver.js';
import { VolumeStore, type VolumeRecord } from './volume-store.js';

const run = promisify(execFile);

/** The label moby puts on volumes created without a name. */
export const anonymousLabel = 'com.docker.volume.anonymous';

/** Volume name -> ids of the containers that use it. */
export type VolumeUsers = () => Map<string, string[]>;

export interface VolumeServiceOptions {
  db: Database;
  /** <data-root>/volumes */
  root: string;
  /** Which containers use which volumes: rm refuses them, prune keeps them, df counts them. */
  users?: VolumeUsers;
}

/** Go's time.RFC3339 in the local time zone: seconds precision, "Z" only for UTC. */
export function rfc3339Local(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Go's strconv.ParseBool. */
function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** filters.Args.Match: an exact value, or a value read as a regular expression. */
function matchName(patterns: string[], name: string): boolean {
  return patterns.some((p) => {
    if (p === name) return true;
    try {
      return new RegExp(p).test(name);
    } catch {
      return false;
    }
  });
}

export class VolumeService {
  private readonly store: VolumeStore;
  private readonly root: string;
  private readonly users: VolumeUsers;
  /** Volume name -> the references (container ids) holding its mount, for volumes with a device. */
  private readonly mounts = new Map<string, Set<string>>();

  constructor(opts: VolumeServiceOptions) {
    this.store = new VolumeStore(opts.db);
    this.root = opts.root;
    this.users = opts.users ?? (() => new Map());
  }

  /** Makes the volumes directory, removes directories left without a row, and undoes mounts a previous daemon left. */
  async init(): Promise<void> {
    mkdirSync(this.root, { recursive: true, mode: 0o701 });
    chmodSync(this.root, 0o701);
    const rows = new Map(this.store.all().map((v) => [v.name, v]));
    for (const name of await readdir(this.root)) {
      const v = rows.get(name);
      if (!v) await rm(join(this.root, name), { recursive: true, force: true });
      else if (needsMount(v.options)) this.detach(v.name);
    }
  }

  /** <root>/<name>/_data: where the data is, and where a volume with a device is mounted. */
  mountpoint(name: string): string {
    return join(this.root, name, '_data');
  }

  /** VolumeCreate: an existing volume of that name is returned as it is (moby's create is idempotent). */
  async create(req: VolumeCreateOptions): Promise<Volume> {
    const anonymous = req.Name === '';
    const name = anonymous ? randomId() : req.Name;
    const driver = req.Driver || 'local';
    if (driver !== 'local') {
      throw new NotFound(`create ${name}: error looking up volume plugin ${driver}: plugin ${JSON.stringify(driver)} not found`);
    }
    const existing = this.store.get(name);
    if (existing) return this.view(existing);
    try {
      validateName(name);
      validateOptions(req.DriverOpts);
    } catch (err) {
      throw new InvalidArgument(`create ${name}: ${errorMessage(err)}`);
    }
    const record: VolumeRecord = {
      name,
      driver,
      created: Date.now(),
      labels: anonymous ? { ...req.Labels, [anonymousLabel]: '' } : { ...req.Labels },
      options: { ...req.DriverOpts },
    };
    // Synchronous, so that no other request sees the directory without its row.
    const dir = join(this.root, name);
    mkdirSync(this.mountpoint(name), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o701);
    chmodSync(this.mountpoint(name), 0o755);
    try {
      this.store.insert(record);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    return this.view(record);
  }

  /**
   * For containers: the volume `name`, made if missing; without a name, a new
   * anonymous volume (labelled as moby labels them).
   */
  ensure(name: string | undefined, labels: Record<string, string> = {}): Promise<Volume> {
    return this.create({ Name: name ?? '', Driver: 'local', DriverOpts: {}, Labels: labels });
  }

  inspect(name: string): Volume {
    return this.view(this.get(name));
  }

  has(name: string): boolean {
    return this.store.get(name) !== undefined;
  }

  /** Whether a volume was made without a name (rm -v and --rm remove those with their container). */
  isAnonymous(name: string): boolean {
    return this.store.get(name)?.labels[anonymousLabel] !== undefined;
  }

  /** VolumeList with the filters dangling, driver, label (key or key=value) and name (exact or a regular expression). */
  list(filters: Filters = {}): VolumeListResponse {
    validateFilters(filters, ['dangling', 'driver', 'label', 'name']);
    const dangling = hasFilter(filters, 'dangling') ? boolFilter(filters, 'dangling', false) : undefined;
    const drivers = filterValues(filters, 'driver');
    const names = filterValues(filters, 'name');
    const used = this.users();
    const Volumes = this.store
      .all()
      .filter(
        (v) =>
          (drivers.length === 0 || drivers.includes(v.driver)) &&
          (!hasFilter(filters, 'name') || matchName(names, v.name)) &&
          matchLabels(filterValues(filters, 'label'), v.labels) &&
          (dangling === undefined || dangling !== (used.get(v.name)?.length ?? 0) > 0),
      )
      .map((v) => this.view(v));
    return { Volumes, Warnings: [] };
  }

  /** VolumeRemove: `force` ignores a volume that does not exist; one in use is never removed. */
  async remove(name: string, opts: { force?: boolean } = {}): Promise<void> {
    const v = this.store.get(name);
    if (!v) {
      if (opts.force) return;
      throw this.noSuchVolume(name);
    }
    const refs = this.users().get(name) ?? [];
    if (refs.length > 0) throw new Conflict(`remove ${name}: volume is in use - [${refs.join(', ')}]`);
    await this.destroy(v);
  }

  /**
   * VolumesPrune: unused local volumes without mount options; only
   * anonymous ones unless the filter all is true (API >= 1.42: the route
   * adds all=true for older clients). Filters label and label!.
   */
  async prune(filters: Filters = {}): Promise<VolumePruneResponse> {
    const allValues = filterValues(filters, 'all');
    if (allValues.length > 1) throw new InvalidArgument(`invalid filter 'all=[${allValues.join(' ')}]': only one value is expected`);
    const all = allValues.length === 1 ? parseGoBool(allValues[0]!) : false;
    if (all === undefined) throw new InvalidArgument(`invalid filter 'all': strconv.ParseBool: parsing ${JSON.stringify(allValues[0])}: invalid syntax`);
    validateFilters(filters, ['label', 'label!', 'all']);
    const labels = [...filterValues(filters, 'label'), ...(all ? [] : [anonymousLabel])];
    const notLabels = filterValues(filters, 'label!');
    const used = this.users();
    const report: VolumePruneResponse = { VolumesDeleted: [], SpaceReclaimed: 0 };
    for (const v of this.store.all()) {
      if ((used.get(v.name)?.length ?? 0) > 0 || Object.keys(v.options).length > 0) continue;
      if (!matchLabels(labels, v.labels)) continue;
      if (notLabels.length > 0 && matchLabels(notLabels, v.labels)) continue;
      const size = await directorySize(this.mountpoint(v.name));
      // The list of users may have changed while sizing.
      if ((this.users().get(v.name)?.length ?? 0) > 0 || !this.store.get(v.name)) continue;
      await this.destroy(v);
      report.VolumesDeleted.push(v.name);
      report.SpaceReclaimed += size;
    }
    return report;
  }

  /** For /system/df: local volumes without mount options, with their size and how many containers use them. */
  async dataUsage(): Promise<Volume[]> {
    const used = this.users();
    const out: Volume[] = [];
    for (const v of this.store.all()) {
      if (Object.keys(v.options).length > 0) continue;
      const Size = await directorySize(this.mountpoint(v.name)).catch(() => -1);
      out.push({ ...this.view(v), UsageData: { Size, RefCount: used.get(v.name)?.length ?? 0 } });
    }
    return out;
  }

  count(): number {
    return this.store.all().length;
  }

  /**
   * For containers: fills an empty volume with the image's content at the
   * mount point (ownership, modes, symlinks, xattrs kept), as Docker does on
   * first use; a volume that holds anything, or a source that does not
   * exist, is left alone. Mount a volume with a device first.
   */
  async copyUp(name: string, sourceDir: string): Promise<void> {
    const target = this.mountpoint(this.get(name).name);
    if ((await readdir(target)).length > 0) return;
    try {
      await readdir(sourceDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw err;
    }
    await run('cp', ['-a', '--', `${sourceDir}/.`, `${target}/`]);
  }

  /**
   * For containers: the volume's data path, mounting its device on the
   * first reference (the local driver's type/device/o options, as moby
   * mounts them when a container starts).
   */
  mount(name: string, ref: string): string {
    const v = this.get(name);
    const path = this.mountpoint(v.name);
    if (!needsMount(v.options)) return path;
    const refs = this.mounts.get(v.name) ?? new Set();
    if (refs.size === 0) {
      const { flags, data } = mountFlags(v.options.o ?? '');
      try {
        mount(v.options.device ?? '', path, v.options.type ?? '', flags, data || null);
      } catch (err) {
        const message = errorMessage(err).replace(/password=[^,]*/, 'password=********');
        throw new Internal(`failed to mount local volume: ${message}`);
      }
    }
    refs.add(ref);
    this.mounts.set(v.name, refs);
    return path;
  }

  /** Drops `ref`'s hold on the volume's mount; the last one unmounts it. */
  unmount(name: string, ref: string): void {
    const refs = this.mounts.get(name);
    if (!refs?.delete(ref) || refs.size > 0) return;
    this.mounts.delete(name);
    this.detach(name);
  }

  private get(name: string): VolumeRecord {
    const v = this.store.get(name);
    if (!v) throw this.noSuchVolume(name);
    return v;
  }

  private noSuchVolume(name: string): NotFound {
    return new NotFound(`get ${name}: no such volume`);
  }

  private async destroy(v: VolumeRecord): Promise<void> {
    this.mounts.delete(v.name);
    if (needsMount(v.options)) this.detach(v.name);
    // The row and the name go together, so a create of the same name right after gets a fresh directory.
    const doomed = join(this.root, `_removing-${randomId()}`);
    this.store.delete(v.name);
    renameSync(join(this.root, v.name), doomed);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Lazily unmounts a volume's device, if mounted. */
  private detach(name: string): void {
    try {
      umount2(this.mountpoint(name), MNT_DETACH);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'ENOENT') log.warn('cannot unmount volume', { volume: name, error: errorMessage(err) });
    }
  }

  private view(v: VolumeRecord): Volume {
    return {
      CreatedAt: rfc3339Local(v.created),
      Driver: v.driver,
      Labels: v.labels,
      Mountpoint: this.mountpoint(v.name),
      Name: v.name,
      Options: v.options,
      Scope: 'local',
    };
  }
}
