// The build cache's key for COPY/ADD sources: a digest of what a copy of
// them holds, so touching a file keeps it and editing one changes it (see
// digest-sync.ts for what is hashed). Sources are resolved in the context
// as Docker resolves them (symlinks followed inside it) and named as given;
// the files are read in the context worker, each only once while it is
// unchanged; a kept context's memo answers without the worker.
import { cleanPath } from './clean-path.js';
import { runInWorker } from './context-worker-client.js';
import type { SourcesDigest } from './context-worker-protocol.js';
import type { SourceDigestMemo } from './digest-memo.js';
import { resolveInContext } from './in-context.js';

/** The digest of the sources (context paths, wildcards already expanded) in root. */
export async function sourcesDigest(root: string, sources: readonly string[], memo?: SourceDigestMemo): Promise<SourcesDigest> {
  const resolved = await Promise.all(
    sources.map(async (source) => ({ path: await resolveInContext(root, source), name: cleanPath(source.replace(/^\/+/, '')) })),
  );
  const known = memo?.get(resolved);
  if (known !== undefined) return known;
  const digest = await runInWorker({ kind: 'digest', sources: resolved });
  memo?.set(resolved, digest);
  return digest;
}
