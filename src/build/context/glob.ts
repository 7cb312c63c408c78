// Shell patterns as Go's filepath.Match reads them, the base of both
// .dockerignore patterns (moby/patternmatcher validates every line with
// filepath.Match) and COPY/ADD wildcards. Syntax:
//   *        any run of characters but '/'
//   ?        one character but '/'
//   [a-z]    one character of the class ('^' first negates; it may match '/')
//   \c       c itself
// A malformed pattern ('[', '[]a]', '[a-]', a trailing '\') is refused as
// Go refuses it, with its message.
import { InvalidArgument } from '../../common/index.js';

export type GlobToken =
  | { kind: 'star' }
  | { kind: 'any' }
  /** Inclusive code point ranges; a range whose ends are reversed matches nothing (Go). */
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> }
  /** escaped: written as '\c' (patternmatcher then matches by regexp, not by text). */
  | { kind: 'char'; char: string; escaped: boolean };

export function badPattern(pattern: string): InvalidArgument {
  // Go's filepath.ErrBadPattern says "syntax error in pattern".
  return new InvalidArgument(`syntax error in pattern ${JSON.stringify(pattern)}`);
}

/** The tokens of a pattern; throws on a pattern Go's filepath.Match refuses. */
export function scanGlob(pattern: string): GlobToken[] {
  const chars = Array.from(pattern); // code points, as Go reads runes
  const tokens: GlobToken[] = [];
  let i = 0;
  /** One class member, maybe escaped (Go's getEsc): never an unescaped '-' or ']', never the class's last character. */
  const member = (): number => {
    let c = chars[i];
    if (c === undefined || c === '-' || c === ']') throw badPattern(pattern);
    if (c === '\\') c = chars[++i];
    if (c === undefined || i + 1 >= chars.length) throw badPattern(pattern);
    i++;
    return c.codePointAt(0)!;
  };
  while (i < chars.length) {
    const c = chars[i++]!;
    if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '\\') {
      const next = chars[i++];
      if (next === undefined) throw badPattern(pattern);
      tokens.push({ kind: 'char', char: next, escaped: true });
    } else if (c === '[') {
      const negated = chars[i] === '^';
      if (negated) i++;
      const ranges: Array<[number, number]> = [];
      while (!(chars[i] === ']' && ranges.length > 0)) {
        const lo = member();
        const hi = chars[i] === '-' ? (i++, member()) : lo;
        ranges.push([lo, hi]);
      }
      i++; // the ']'
      tokens.push({ kind: 'class', negated, ranges });
    } else tokens.push({ kind: 'char', char: c, escaped: false });
  }
  return tokens;
}

/** A character for a RegExp with the 'u' flag. */
export function regexpChar(char: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** A class for a RegExp with the 'u' flag; reversed ranges are left out (they match nothing). */
export function regexpClass(token: Extract<GlobToken, { kind: 'class' }>): string {
  const point = (code: number): string => `\\u{${code.toString(16)}}`;
  const members = token.ranges.filter(([lo, hi]) => lo <= hi).map(([lo, hi]) => (lo === hi ? point(lo) : `${point(lo)}-${point(hi)}`));
  return `[${token.negated ? '^' : ''}${members.join('')}]`;
}

/** filepath.Match(pattern, name) as a RegExp over whole names. */
export function compileGlob(pattern: string): RegExp {
  let source = '';
  for (const token of scanGlob(pattern)) {
    if (token.kind === 'star') source += '[^/]*';
    else if (token.kind === 'any') source += '[^/]';
    else if (token.kind === 'class') source += regexpClass(token);
    else source += regexpChar(token.char);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Whether a COPY/ADD source has an unescaped '*', '?' or '[' (moby's containsWildcards). */
export function hasWildcards(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}
