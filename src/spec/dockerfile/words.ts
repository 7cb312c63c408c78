// The two quote-aware word scanners of BuildKit's parser: the `--flag`s
// after an instruction name, and the words of ENV, LABEL and ARG.
import { isSpace } from './text.js';

/**
 * The leading `--name[=value]` words of an instruction's arguments and the
 * text after them. Quotes and `\` (always `\`, whatever the escape
 * directive) are removed from the flags; `--` ends them.
 */
export function splitFlags(line: string): { flags: string[]; rest: string } {
  const chars = [...line];
  const flags: string[] = [];
  let word = '';
  let quote = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let blankOK = false;
  for (let pos = 0; pos <= chars.length; pos++) {
    const atEnd = pos === chars.length;
    let ch = chars[pos] ?? '';
    if (phase === 'spaces') {
      if (atEnd) break;
      if (isSpace(ch)) continue;
      if (ch !== '-' || chars[pos + 1] !== '-') return { flags, rest: chars.slice(pos).join('') };
      phase = 'word';
    }
    if (atEnd) {
      if (word !== '--' && (blankOK || word !== '')) flags.push(word);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        if (word === '--') return { flags, rest: chars.slice(pos).join('') };
        if (blankOK || word !== '') flags.push(word);
        phase = 'spaces';
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
    } else if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      // A `\` at the very end is dropped (and ends a quote).
      if (pos + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      ch = chars[++pos]!;
    }
    word += ch;
  }
  return { flags, rest: '' };
}

/**
 * Words split on unquoted blanks, quotes and escapes kept (the expansion at
 * build time removes them): `a="b c" d` is `a="b c"` and `d`. The escape
 * character escapes anything outside quotes, nothing inside single quotes.
 */
export function splitWords(text: string, escape: string): string[] {
  const chars = [...text];
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inQuote = false;
  let blankOK = false;
  for (let pos = 0; pos < chars.length; pos++) {
    let ch = chars[pos]!;
    if (!inQuote) {
      if (isSpace(ch)) {
        if (blankOK || word !== '') words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        inQuote = true;
      } else if (ch === escape) {
        if (pos + 1 === chars.length) continue;
        word += ch;
        ch = chars[++pos]!;
      }
    } else if (ch === quote) inQuote = false;
    else if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) {
        inQuote = false;
        continue;
      }
      word += ch;
      ch = chars[++pos]!;
    }
    word += ch;
  }
  if (blankOK || word !== '') words.push(word);
  return words;
}
