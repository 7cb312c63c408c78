// The context paths wildcard patterns match (for sources.ts), with
// synchronous calls in the context worker: one walk of the context in
// Go's WalkDir order, symlinks not followed, each name tested with Go's
// filepath.Match.
import { readdirSync } from 'node:fs';
import { compileGlob } from './glob.js';

/** Every path under dir, depth first, names sorted; d_type tells directories, so nothing but readdir is called. */
function* walkNames(dir: string, prefix: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)); // names are unique
  for (const entry of entries) {
    const name = `${prefix}${entry.name}`;
    yield name;
    if (entry.isDirectory()) yield* walkNames(`${dir}/${entry.name}`, `${name}/`);
  }
}

/** For each pattern, the paths of the context at root it matches, in walk order. */
export function expandPatterns(root: string, patterns: readonly string[]): string[][] {
  const globs = patterns.map(compileGlob);
  const matches = patterns.map((): string[] => []);
  for (const name of walkNames(root, '')) {
    globs.forEach((glob, i) => {
      if (glob.test(name)) matches[i]!.push(name);
    });
  }
  return matches;
}
