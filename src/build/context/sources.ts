// COPY/ADD sources as Docker's classic builder expands them: one leading
// '/' and then one './' dropped; a source with a wildcard ('*', '?', '[')
// names every path of the context it matches with Go's filepath.Match
// (so '*' stays within one directory), in walk order; others are kept as
// they are. An empty result is the caller's to refuse ("no source files
// were specified").
import { runInWorker } from './context-worker-client.js';
import { compileGlob, hasWildcards } from './glob.js';

function trimSource(source: string): string {
  const rooted = source.startsWith('/') ? source.slice(1) : source;
  return rooted.startsWith('./') ? rooted.slice(2) : rooted;
}

/** The context paths (relative to root) that the sources name. */
export async function expandSources(root: string, sources: readonly string[]): Promise<string[]> {
  const trimmed = sources.map(trimSource);
  const patterns = trimmed.filter(hasWildcards);
  patterns.forEach(compileGlob); // a malformed pattern is refused here, before any walk
  const matches = patterns.length === 0 ? [] : await runInWorker({ kind: 'expand', root, patterns });
  let next = 0;
  return trimmed.flatMap((source) => (hasWildcards(source) ? matches[next++]! : [source]));
}
