// POST /build, /build/prune and the build cache as the Engine API has them,
// and the two cais extensions its own CLI uses (Docker's clients never ask
// for them): structured progress, and a build context synced incrementally.

/** A build cache record (/system/df's BuildCache). */
export interface BuildCacheRecord {
  ID: string;
  Parents: string[] | null;
  /** 'regular' for a step's result, 'source.local' for a synced context, 'exec.cachemount' for RUN --mount=type=cache. */
  Type: 'internal' | 'frontend' | 'source.local' | 'source.git.checkout' | 'exec.cachemount' | 'regular';
  Description: string;
  InUse: boolean;
  Shared: boolean;
  /** Bytes only this record holds. */
  Size: number;
  /** RFC 3339 with nanoseconds. */
  CreatedAt: string;
  LastUsedAt: string | null;
  UsageCount: number;
}

export interface BuildPruneResponse {
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** The last message of a successful build: `{"aux": {"ID": "sha256:..."}}`. */
export interface BuildResult {
  ID: string;
}

// --- cais extension: structured progress --------------------------------
//
// With the query parameter `progress=cais`, POST /build streams, instead of
// the classic builder's text ("Step 1/5 : FROM ..."), one JSON message per
// change of a vertex, BuildKit's unit of progress:
//   {"id": "cais.build.vertex", "aux": BuildVertexEvent}
// followed by the usual {"aux": {"ID": ...}} and, on failure, the usual
// {"errorDetail": ...}. A vertex is first announced with its name; later
// events for it carry only what changed.

export const buildVertexMessageId = 'cais.build.vertex';

export interface BuildVertexEvent {
  /** 1-based, in the order vertices are first announced. */
  vertex: number;
  /** BuildKit's names: "[internal] load build context", "[build 2/4] RUN make", "exporting to image". */
  name?: string;
  /** RFC 3339 with nanoseconds. */
  started?: string;
  completed?: string;
  /** The step's result came from the build cache. */
  cached?: boolean;
  /** The vertex failed with this message (the build's error follows as errorDetail). */
  error?: string;
  /** Output of the step's process, as it came (may end mid-line). */
  log?: string;
  /** A named part of the vertex's work, BuildKit's "status": "transferring context", "writing image sha256:...". */
  status?: { id: string; current?: number; total?: number; done?: boolean };
}

// --- cais extension: incremental context ---------------------------------
//
// `POST /build/context` with a ContextSyncRequest: the daemon keeps a copy
// of each context it was sent (by `key`), compares the entries with it and
// answers which files it lacks. The client then sends POST /build with
// `context-session=<session>` and, as the body, a tar of exactly the
// `need` paths (owners 0:0, modes and mtimes kept). A session is good for
// one build and expires when unused for a minute.

export interface ContextSyncEntry {
  /** Relative to the context root, '/'-separated, no trailing '/'. */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Permission bits (and setuid/setgid/sticky). */
  mode: number;
  /** Bytes (files only; 0 otherwise). */
  size: number;
  /** Modification time in nanoseconds since the epoch, as a decimal string. */
  mtime: string;
  /** A symlink's target. */
  target?: string;
}

export interface ContextSyncRequest {
  /** A stable name for this context (the client hashes its host and directory); any string of 1..256 characters. */
  key: string;
  /** Every entry of the context after .dockerignore, parents before children. */
  entries: ContextSyncEntry[];
}

export interface ContextSyncResponse {
  session: string;
  /** The paths the client must send, in the order of `entries`. */
  need: string[];
}
