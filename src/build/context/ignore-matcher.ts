// .dockerignore matching as moby/patternmatcher does it, and the walking
// rule of BuildKit's fsutil built on it. Patterns keep patternmatcher's
// match kinds, whose results differ from a plain regexp in corners
// ("**foo" also matches "barfoo"); '**' matches any number of directories,
// zero included. Later patterns win: an exception ('!') re-includes what an
// earlier pattern excluded, and a pattern matching a directory excludes
// everything under it.
import { InvalidArgument } from '../../common/index.js';
import { cleanPath } from './clean-path.js';
import { badPattern, regexpChar, regexpClass, scanGlob } from './glob.js';

/** Which patterns matched a directory, handed down to its children (patternmatcher's MatchInfo). */
export type MatchInfo = readonly boolean[];

type Kind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** Characters that make an exception a wildcard one, for fsutil's walking rule. */
const wildcardChars = /[*[\]?^\\]/;

class Pattern {
  readonly exclusion: boolean;
  /** The cleaned pattern, without its '!'. */
  readonly text: string;
  private readonly kind: Kind;
  private readonly regexp: RegExp | null = null;

  constructor(line: string) {
    // Cleaned with its '!', then the '!' dropped, as patternmatcher.New does.
    let text = cleanPath(line.trim());
    this.exclusion = text.startsWith('!');
    if (this.exclusion) {
      if (text.length === 1) throw new InvalidArgument('illegal exclusion pattern: "!"');
      text = text.slice(1);
    }
    this.text = text;
    const { kind, source } = compile(text);
    this.kind = kind;
    if (kind === 'regexp') this.regexp = new RegExp(`^${source}$`, 'u');
  }

  matches(path: string): boolean {
    switch (this.kind) {
      case 'exact':
        return path === this.text;
      case 'prefix':
        return path.startsWith(this.text.slice(0, -2));
      case 'suffix': {
        const suffix = this.text.slice(2);
        return path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
      }
      case 'regexp':
        return this.regexp!.test(path);
    }
  }

  /** Whether the pattern matches one of the directories above path. */
  matchesParent(path: string): boolean {
    const slash = path.lastIndexOf('/');
    if (slash === -1) return false;
    const dirs = path.slice(0, slash).split('/');
    for (let i = 1; i <= dirs.length; i++) if (this.matches(dirs.slice(0, i).join('/'))) return true;
    return false;
  }

  /** The pattern without a trailing '/**' or '/*' (fsutil's patternWithoutTrailingGlob). */
  get stem(): string {
    return this.text.replace(/\/\*\*$/, '').replace(/\/\*$/, '');
  }
}

/**
 * patternmatcher's compile: a literal pattern is compared as text, one
 * ending in '**' as a prefix, one starting with '**' and literal after it
 * as a suffix, anything else as a regexp.
 */
function compile(text: string): { kind: Kind; source: string } {
  const tokens = scanGlob(text);
  let kind: Kind = 'exact';
  let source = '';
  for (let t = 0; t < tokens.length; ) {
    const first = t === 0;
    const token = tokens[t++]!;
    if (token.kind === 'star' && tokens[t]?.kind === 'star') {
      t++;
      const next = tokens[t];
      if (next?.kind === 'char' && next.char === '/' && !next.escaped) t++; // '**/' is '**'
      if (t < tokens.length) {
        source += '(?:[^\\n]*/)?'; // Go's '.' does not match '\n'
        kind = 'regexp';
      } else if (kind === 'exact') {
        kind = 'prefix';
      } else {
        source += '[^\\n]*';
        kind = 'regexp';
      }
      if (first) kind = 'suffix';
    } else if (token.kind === 'star') {
      source += '[^/]*';
      kind = 'regexp';
    } else if (token.kind === 'any') {
      source += '[^/]';
      kind = 'regexp';
    } else if (token.kind === 'class') {
      // Go's regexp refuses a reversed range, and patternmatcher reports it as a bad pattern.
      if (token.ranges.some(([lo, hi]) => lo > hi)) throw badPattern(text);
      source += regexpClass(token);
      kind = 'regexp';
    } else {
      source += regexpChar(token.char);
      if (token.escaped) kind = 'regexp';
    }
  }
  return { kind, source };
}

export class IgnoreMatcher {
  private readonly patterns: Pattern[];
  /** No exception has a wildcard (after a trailing '/*' or '/**'): excluded directories can be skipped by prefix (fsutil). */
  private readonly prefixExceptions: boolean;

  /** Patterns as parseDockerignore returns them; blank ones are skipped. Throws InvalidArgument on a malformed one. */
  constructor(patterns: readonly string[]) {
    this.patterns = patterns.filter((line) => line.trim() !== '').map((line) => new Pattern(line));
    this.prefixExceptions = !this.patterns.some((p) => p.exclusion && wildcardChars.test(p.stem));
  }

  /** Whether path (relative to the context) is excluded, by a pattern on it or on a directory above it (MatchesOrParentMatches). */
  excludes(path: string): boolean {
    const clean = cleanPath(path);
    if (clean === '.') return false;
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue; // cannot change the outcome
      if (pattern.matches(clean) || pattern.matchesParent(clean)) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The same question during a walk, reusing what matched the parent
   * directory (MatchesUsingParentResults, as docker build's walk asks it);
   * without `parent`, directories above are checked as in excludes().
   */
  match(path: string, parent?: MatchInfo): { excluded: boolean; info: MatchInfo } {
    const info: boolean[] = [];
    let matched = false;
    this.patterns.forEach((pattern, i) => {
      let hit = parent?.[i] ?? false;
      if (!hit) {
        if (pattern.exclusion !== matched) {
          info.push(false);
          return;
        }
        hit = pattern.matches(path) || (parent === undefined && pattern.matchesParent(path));
      }
      info.push(hit);
      if (hit) matched = !pattern.exclusion;
    });
    return { excluded: matched, info };
  }

  /**
   * Whether a walk must enter an excluded directory because an exception
   * may re-include something below it (fsutil): always when an exception
   * has a wildcard, else when one names a path under it.
   */
  mayIncludeBelow(dir: string): boolean {
    if (!this.prefixExceptions) return true;
    const prefix = `${dir}/`;
    return this.patterns.some((p) => p.exclusion && `${p.stem}/`.startsWith(prefix));
  }
}

/**
 * The docker CLI's TrimBuildFilesFromExcludes: exceptions so that
 * .dockerignore and the Dockerfile (a context path, or null when it does
 * not come from the context) are sent even when ignored; the daemon
 * needs them, and removes them itself.
 */
export function keepBuildFiles(patterns: readonly string[], dockerfile: string | null): string[] {
  const kept = [...patterns];
  // The CLI asks patternmatcher.Matches, which checks a parent only at the pattern's depth; excludes() checks
  // every parent, so with '**/ci' excluded, a/b/ci/Dockerfile is sent too (Docker's is not, and its build fails).
  if (new IgnoreMatcher(kept).excludes('.dockerignore')) kept.push('!.dockerignore');
  if (dockerfile !== null && new IgnoreMatcher(kept).excludes(dockerfile)) kept.push(`!${cleanPath(dockerfile)}`);
  return kept;
}
