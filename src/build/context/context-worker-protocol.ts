// Messages between context-worker-client.ts (main thread) and
// context-worker.ts.
import type { Digest } from '../../common/index.js';

/** A COPY source resolved in the context: its host path and the name it is hashed under. */
export interface ResolvedSource {
  path: string;
  name: string;
}

export type ContextJob =
  /** The context paths each wildcard pattern matches. */
  | { kind: 'expand'; root: string; patterns: string[] }
  /** The digest of the sources' trees. */
  | { kind: 'digest'; sources: ResolvedSource[] }
  /** The content digests of files. */
  | { kind: 'hash'; paths: string[] };

export interface SourcesDigest {
  digest: Digest;
  /** Files whose content was read; the others' digests came from the worker's cache. */
  filesRead: number;
}

export interface JobResults {
  expand: string[][];
  digest: SourcesDigest;
  hash: string[];
}

export type ErrorKind = 'InvalidArgument' | 'NotFound' | 'Internal';

export type ContextRequest = ContextJob & { id: number };

export type ContextReply = { id: number; result: JobResults[keyof JobResults] } | { id: number; error: { kind: ErrorKind; message: string } };
