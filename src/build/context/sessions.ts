// Build contexts kept between builds, so a rebuild sends only what changed
// (cais's extension, POST /build/context; see spec/docker/build.ts). The
// daemon keeps one directory per context key; a sync compares the client's
// entry list with it: what is gone or changed type is removed, directories
// and symlinks are made from the list itself, and the files whose size,
// mtime or mode differ are asked for. The client then sends those files as
// a tar (extracted with the layer unpacker's checks, so nothing is written
// through a symlink). Files left as they were keep their inode, so the
// source digests of the cache come from the digest cache without reading
// them. Only the daemon writes a kept directory, so what it holds is known
// without looking: the entry list of its last complete sync (after a
// failed one the directory is emptied). For the same reason the source
// digests of its builds are remembered (digest-memo.ts) until a sync
// changes a path below them; a file sent again with its content unchanged
// (touched) changes none. A key is used by one build at a
// time; at most `maxKept` contexts are kept, the least recently used going
// first.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, lutimes, mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidArgument, NotFound } from '../../common/index.js';
import type { ContextSyncEntry, ContextSyncRequest, ContextSyncResponse } from '../../spec/index.js';
import { extractArchive } from '../../storage/index.js';
import { runInWorker } from './context-worker-client.js';
import { SourceDigestMemo } from './digest-memo.js';
import { finishContext, type BuildContext } from './from-tar.js';

const sessionTtlMs = 60_000;
const maxEntries = 1_000_000;
const maxPath = 4096;

interface Kept {
  dir: string;
  lastUsed: number;
  /** Resolves when the build using it (if any) is done. */
  busy: Promise<void>;
  /** Syncs and builds using it or waiting for it. */
  users: number;
  /** What dir holds, by path: the entries of the last complete sync. */
  holds: Map<string, ContextSyncEntry>;
  digests: SourceDigestMemo;
}

interface Session {
  kept: Kept;
  /** What the kept directory held before this sync. */
  held: Map<string, ContextSyncEntry>;
  entries: ContextSyncEntry[];
  need: string[];
  release: () => void;
  timer: NodeJS.Timeout;
}

/** The request as the API received it, checked: every path clean and relative, parents before children and directories. */
export function checkSyncRequest(body: unknown): ContextSyncRequest {
  const req = body as Partial<ContextSyncRequest> | null;
  if (typeof req?.key !== 'string' || req.key.length === 0 || req.key.length > 256) throw new InvalidArgument('invalid context sync: key must be 1 to 256 characters');
  if (!Array.isArray(req.entries) || req.entries.length > maxEntries) throw new InvalidArgument(`invalid context sync: entries must be a list of at most ${maxEntries}`);
  const dirs = new Set<string>(['']);
  for (const e of req.entries as unknown[]) {
    const entry = e as Partial<ContextSyncEntry> | null;
    const path = entry?.path;
    if (typeof path !== 'string' || path.length === 0 || path.length > maxPath || path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
      throw new InvalidArgument(`invalid context sync: bad path ${JSON.stringify(path)}`);
    }
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (!dirs.has(parent)) throw new InvalidArgument(`invalid context sync: ${path} comes before its directory`);
    if (entry!.type !== 'file' && entry!.type !== 'dir' && entry!.type !== 'symlink') throw new InvalidArgument(`invalid context sync: bad type for ${path}`);
    if (!Number.isInteger(entry!.mode) || entry!.mode! < 0 || entry!.mode! > 0o7777) throw new InvalidArgument(`invalid context sync: bad mode for ${path}`);
    if (!Number.isSafeInteger(entry!.size) || entry!.size! < 0) throw new InvalidArgument(`invalid context sync: bad size for ${path}`);
    if (typeof entry!.mtime !== 'string' || !/^[0-9]{1,20}$/.test(entry!.mtime)) throw new InvalidArgument(`invalid context sync: bad mtime for ${path}`);
    if (entry!.type === 'symlink' && (typeof entry!.target !== 'string' || entry!.target.length > maxPath)) throw new InvalidArgument(`invalid context sync: bad target for ${path}`);
    if (entry!.type === 'dir') dirs.add(path);
  }
  return { key: req.key, entries: req.entries as ContextSyncEntry[] };
}

function nsToSeconds(ns: string): number {
  return Number(BigInt(ns) / 1000n) / 1e6;
}

export class ContextSessions {
  private readonly kept = new Map<string, Kept>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    /** Where the kept contexts live (emptied by the caller at startup). */
    private readonly root: string,
    private readonly maxKept = 20,
  ) {}

  async begin(req: ContextSyncRequest): Promise<ContextSyncResponse> {
    const name = createHash('sha256').update(req.key).digest('hex');
    let kept = this.kept.get(name);
    if (kept === undefined) {
      kept = { dir: join(this.root, name), lastUsed: Date.now(), busy: Promise.resolve(), users: 0, holds: new Map(), digests: new SourceDigestMemo() };
      this.kept.set(name, kept);
    }
    // One build at a time per key: wait for the one before to release it.
    const previous = kept.busy;
    const held = kept;
    held.users++;
    let resolveBusy!: () => void;
    kept.busy = new Promise<void>((resolve) => (resolveBusy = resolve));
    const release = (): void => {
      held.users--;
      resolveBusy();
    };
    await previous;
    kept.lastUsed = Date.now();
    try {
      await mkdir(kept.dir, { recursive: true, mode: 0o700 });
      const held = kept.holds;
      const need = await this.reconcile(kept, req.entries);
      const session = randomBytes(16).toString('hex');
      const timer = setTimeout(() => this.end(session), sessionTtlMs);
      timer.unref();
      this.sessions.set(session, { kept, held, entries: req.entries, need, release, timer });
      return { session, need };
    } catch (err) {
      await forget(kept);
      release();
      throw err;
    }
  }

  /** Receives the needed files and hands the context to a build; release() lets the next build of the key sync. */
  async complete(session: string, tar: Readable, opts: { dockerfile?: string; maxBytes?: number }): Promise<BuildContext> {
    const s = this.sessions.get(session);
    if (s === undefined) throw new NotFound(`no such build context session: ${session}`);
    clearTimeout(s.timer);
    this.sessions.delete(session);
    try {
      const wanted = new Map(s.entries.map((e) => [e.path, e]));
      // Files sent again for their mtime alone (touched): if their content is the same, no source digest changes.
      const retimed = s.need.filter((path) => sameEntry(s.held.get(path), wanted.get(path)!, { time: false }));
      const before = await contentDigests(s.kept.dir, retimed);
      await extractArchive(tar, s.kept.dir, { noOverwriteDirNonDir: false, displayRoot: '.' }, opts.maxBytes);
      for (const path of s.need) {
        const st = await lstat(join(s.kept.dir, path)).catch(() => undefined);
        if (!st?.isFile() || st.size !== wanted.get(path)!.size) throw new InvalidArgument(`the build context was not sent whole: ${path} is missing`);
      }
      // The client's times (a tar holds whole seconds), the files' first, then directories deepest first (writing into one changes its mtime).
      const needed = new Set(s.need);
      for (const e of [...s.entries].reverse()) {
        if (e.type !== 'file' || needed.has(e.path)) await lutimes(join(s.kept.dir, e.path), nsToSeconds(e.mtime), nsToSeconds(e.mtime));
      }
      const after = await contentDigests(s.kept.dir, retimed);
      const sameContent = new Set(retimed.filter((_, i) => before[i] === after[i]));
      const { context, removed } = await finishContext(s.kept.dir, opts.dockerfile);
      const holds = new Map(s.entries.map((e) => [e.path, e]));
      for (const path of removed) for (const held of holds.keys()) if (held === path || held.startsWith(`${path}/`)) holds.delete(held);
      s.kept.holds = holds;
      s.kept.digests.changed(changedPaths(s.held, holds).filter((path) => !sameContent.has(path)).map((path) => join(s.kept.dir, path)));
      await this.evict();
      return { ...context, digests: s.kept.digests, release: async () => s.release() };
    } catch (err) {
      await forget(s.kept);
      s.release();
      throw err;
    }
  }

  /** Removes the kept contexts no build is using; returns how many went. */
  async prune(): Promise<number> {
    let removed = 0;
    for (const [name, kept] of [...this.kept]) if (await this.tryRemove(name, kept)) removed++;
    return removed;
  }

  private end(session: string): void {
    const s = this.sessions.get(session);
    if (s === undefined) return;
    this.sessions.delete(session);
    void forget(s.kept).finally(() => s.release());
  }

  /** Makes kept.dir hold what entries list, but for the files it returns (to be sent). */
  private async reconcile(kept: Kept, entries: readonly ContextSyncEntry[]): Promise<string[]> {
    const { dir, holds } = kept;
    const wanted = new Map(entries.map((e) => [e.path, e]));
    // What is gone or changed type goes (parents come first, so a removed directory's entries are passed over).
    const removed = new Set<string>();
    for (const [path, held] of holds) {
      if (wanted.get(path)?.type === held.type) continue;
      removed.add(path);
      const parent = path.slice(0, Math.max(0, path.lastIndexOf('/')));
      if (!removed.has(parent)) await rm(join(dir, path), { recursive: true, force: true });
    }
    // Until the sync completes, the directory holds neither the old list nor the new.
    kept.holds = new Map();
    const need: string[] = [];
    for (const e of entries) {
      const full = join(dir, e.path);
      const held = removed.has(e.path) ? undefined : holds.get(e.path);
      if (e.type === 'dir') {
        if (held === undefined) await mkdir(full);
        if (held?.mode !== e.mode) await chmod(full, e.mode);
      } else if (e.type === 'symlink') {
        if (held?.target === e.target) continue;
        await rm(full, { force: true });
        await symlink(e.target!, full);
      } else if (held === undefined || held.size !== e.size || held.mtime !== e.mtime || held.mode !== e.mode) {
        need.push(e.path);
      }
    }
    return need;
  }

  private async evict(): Promise<void> {
    const idle = [...this.kept].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [name, kept] of idle) {
      if (this.kept.size <= this.maxKept) return;
      await this.tryRemove(name, kept);
    }
  }

  /** Removes a kept context unless a sync or build holds it. */
  private async tryRemove(name: string, kept: Kept): Promise<boolean> {
    if (kept.users > 0 || this.kept.get(name) !== kept) return false;
    this.kept.delete(name);
    await rm(kept.dir, { recursive: true, force: true });
    return true;
  }
}

function sameEntry(a: ContextSyncEntry | undefined, b: ContextSyncEntry, compare = { time: true }): boolean {
  return a !== undefined && a.type === b.type && a.mode === b.mode && a.size === b.size && a.target === b.target && (!compare.time || a.mtime === b.mtime);
}

/** The paths whose entry is not the same in both. */
function changedPaths(before: ReadonlyMap<string, ContextSyncEntry>, after: ReadonlyMap<string, ContextSyncEntry>): string[] {
  const changed = [...after.values()].filter((e) => !sameEntry(before.get(e.path), e)).map((e) => e.path);
  for (const path of before.keys()) if (!after.has(path)) changed.push(path);
  return changed;
}

/** The content digests of files in dir (the worker's cache answers for those it read unchanged). */
async function contentDigests(dir: string, paths: readonly string[]): Promise<string[]> {
  return paths.length === 0 ? [] : runInWorker({ kind: 'hash', paths: paths.map((path) => join(dir, path)) });
}

/** Empties a kept directory whose content is no longer known (a sync that failed or was never completed). */
async function forget(kept: Kept): Promise<void> {
  kept.holds = new Map();
  kept.digests.clear();
  await rm(kept.dir, { recursive: true, force: true });
  await mkdir(kept.dir, { recursive: true, mode: 0o700 });
}
