// `cais build PATH` against a cais daemon: the context's entry list goes
// first (POST /build/context) and only the files the daemon lacks or has
// in another version follow as the tar, so a rebuild of an unchanged
// context sends next to nothing. Against a daemon without the extension
// (it answers 404) the whole context goes, as the docker CLI sends it.
import { createHash } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import type { ContextSyncEntry, ContextSyncRequest, ContextSyncResponse } from '../../spec/docker/index.js';
import type { TarSource } from '../../storage/layers/tar-writer.js';
import { contextSources, contextTar, type DirectoryContextOptions } from './from-directory.js';

export interface SyncedContext {
  tar: Readable;
  /** The daemon's session, for POST /build's `context-session`; absent when the whole context is sent. */
  session?: string;
}

function syncEntry(e: TarSource): ContextSyncEntry {
  const type = e.stats.isDirectory() ? 'dir' : e.stats.isSymbolicLink() ? 'symlink' : 'file';
  return {
    path: e.name.replace(/\/$/, ''),
    type,
    mode: Number(e.stats.mode & 0o7777n),
    size: type === 'file' ? Number(e.stats.size) : 0,
    mtime: e.stats.mtimeNs.toString(),
    ...(type === 'symlink' && { target: readlinkSync(e.path) }),
  };
}

/** `sync` asks the daemon; undefined means it does not keep contexts. */
export async function syncContextDirectory(
  dir: string,
  opts: DirectoryContextOptions,
  sync: (req: ContextSyncRequest) => Promise<ContextSyncResponse | undefined>,
): Promise<SyncedContext> {
  const { entries } = await contextSources(dir, opts);
  const list = [...entries];
  const key = createHash('sha256').update(`${hostname()}\0${await realpath(dir)}\0${opts.dockerfile ?? 'Dockerfile'}`).digest('hex');
  const synced = list.map(syncEntry);
  const answer = await sync({ key, entries: synced });
  if (answer === undefined) return { tar: contextTar(list) };
  const need = new Set(answer.need);
  return { tar: contextTar(list.filter((_, i) => need.has(synced[i]!.path))), session: answer.session };
}
