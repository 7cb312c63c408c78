// Go's path.Match (shell patterns: `*`, `?`, `[a-z]`, `[^x]`, `\` escapes),
// which Docker's `reference` filter uses. Patterns compile to a RegExp once.
import { InvalidArgument } from '../../common/index.js';

const cache = new Map<string, RegExp>();
const cacheMax = 256;

function badPattern(): InvalidArgument {
  return new InvalidArgument('syntax error in pattern');
}

function escapeChar(c: string): string {
  return `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

function compile(pattern: string): RegExp {
  const chars = [...pattern];
  let out = '^';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\') {
      const next = chars[++i];
      if (next === undefined) throw badPattern();
      out += escapeChar(next);
    } else if (c === '[') {
      i++;
      let cls = '[';
      if (chars[i] === '^') {
        cls += '^';
        i++;
      }
      let ranges = 0;
      for (;;) {
        const d = chars[i];
        if (d === undefined) throw badPattern();
        if (d === ']' && ranges > 0) break;
        const lo = classChar(chars, i);
        i = lo.next;
        let item = escapeChar(lo.char);
        if (chars[i] === '-') {
          const hi = classChar(chars, i + 1);
          i = hi.next;
          if (hi.char < lo.char) throw badPattern();
          item += '-' + escapeChar(hi.char);
        }
        cls += item;
        ranges++;
      }
      out += cls + ']';
    } else out += escapeChar(c);
  }
  return new RegExp(out + '$', 'u');
}

// getEsc: one possibly escaped character of a class; `-` and `]` must be escaped.
function classChar(chars: string[], i: number): { char: string; next: number } {
  let c = chars[i];
  if (c === undefined || c === '-' || c === ']') throw badPattern();
  if (c === '\\') {
    c = chars[++i];
    if (c === undefined) throw badPattern();
  }
  return { char: c, next: i + 1 };
}

/** Whether `name` matches the whole `pattern`; InvalidArgument "syntax error in pattern" when malformed. */
export function pathMatch(pattern: string, name: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = compile(pattern);
    if (cache.size >= cacheMax) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(name);
}
