// .dockerignore as moby/patternmatcher's ignorefile.ReadAll reads it (the
// docker CLI on the client and the daemon both use it).
import { cleanPath } from './clean-path.js';

/**
 * The patterns of a .dockerignore, in order: a UTF-8 BOM is dropped; a line
 * starting with '#' is a comment (before trimming: " #x" is a pattern);
 * blank lines are skipped; '!' marks an exception; each pattern is cleaned
 * (Go's path.Clean) and loses one leading '/', the context being the root.
 */
export function parseDockerignore(content: Buffer | string): string[] {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
  const patterns: string[] = [];
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const exception = pattern.startsWith('!');
    if (exception) pattern = pattern.slice(1).trim();
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(exception ? `!${pattern}` : pattern);
  }
  return patterns;
}
