// The patterns of `${var#pattern}`, `${var%pattern}` and
// `${var/pattern/replacement}`: `*` any text, `?` one character, `\`
// escaping `*`, `?` or `\` (no bracket expressions, as in BuildKit).
import { InvalidArgument } from '../../common/index.js';
import { isDigit, isLetter } from './text.js';

const regexpSpecial = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

/** The pattern as a RegExp; `*` matches the shortest text unless `greedy`. */
function toRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = [...pattern];
  let source = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') source += greedy ? '.*' : '.*?';
    else if (ch === '?') source += '.';
    else if (ch === '\\') {
      // `\}` and `\/` escape the braces and slashes of ${...}, not the pattern.
      if (chars[i + 1] === '}' || chars[i + 1] === '/') continue;
      const escaped = chars[++i];
      if (escaped !== '*' && escaped !== '?' && escaped !== '\\') {
        // Go prints the end of input as U+FFFD.
        throw new InvalidArgument(`invalid escape '\\${escaped ?? '\uFFFD'}'`);
      }
      source += `\\${escaped}`;
    } else source += regexpSpecial.has(ch) ? `\\${ch}` : ch;
  }
  return new RegExp(source, 'u');
}

function compile(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  try {
    return toRegExp(pattern, greedy, anchored);
  } catch (err) {
    throw new InvalidArgument(`invalid pattern (${pattern}) in substitution: ${(err as Error).message}`);
  }
}

/** `${var#pattern}` (shortest) and `${var##pattern}` (`greedy`, longest). */
export function trimPatternPrefix(value: string, pattern: string, greedy: boolean): string {
  const match = compile(pattern, greedy, true).exec(value);
  return match === null ? value : value.slice(match[0].length);
}

// Reversed without splitting escapes: `a\*c` becomes `c\*a`.
function reversePattern(pattern: string): string {
  const chars = [...pattern];
  const tokens: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    tokens.push(chars[i] === '\\' && i + 1 < chars.length ? chars[i]! + chars[++i]! : chars[i]!);
  }
  return tokens.reverse().join('');
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

/**
 * `${var%pattern}` and `${var%%pattern}`. A regexp cannot find the shortest
 * rightmost match, so both sides are reversed and the prefix trimmed.
 */
export function trimPatternSuffix(value: string, pattern: string, greedy: boolean): string {
  return reverse(trimPatternPrefix(reverse(value), reversePattern(pattern), greedy));
}

/** `${var/pattern/replacement}` (first, longest match) and `${var//pattern/replacement}` (all). */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const regexp = compile(pattern, true, false);
  if (!all) {
    const match = regexp.exec(value);
    return match === null ? value : value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length);
  }
  return value.replace(new RegExp(regexp.source, 'gu'), (match) => expandTemplate(replacement, match));
}

const nameChar = (ch: string | undefined): boolean => ch !== undefined && (isLetter(ch) || isDigit(ch) || ch === '_');

/**
 * Go's Regexp.ReplaceAllString reads `$` in the replacement: `$$` is `$`,
 * `$0`/`${0}` the match, any other `$name` empty (the pattern has no groups).
 */
function expandTemplate(template: string, match: string): string {
  const chars = [...template];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '$') {
      out += chars[i];
      continue;
    }
    if (chars[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = chars[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    while (nameChar(chars[j])) j++;
    const name = chars.slice(braced ? i + 2 : i + 1, j).join('');
    if (name === '' || (braced && chars[j] !== '}')) {
      out += '$';
      continue;
    }
    if (name === '0') out += match;
    i = braced ? j : j - 1;
  }
  return out;
}
