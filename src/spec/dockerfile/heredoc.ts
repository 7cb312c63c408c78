// Heredoc markers: words like `<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF` in a
// RUN, COPY or ADD line. BuildKit lexes them with `\` as the escape whatever
// the escape directive, and `<<` must start the word (`cat<<EOF` is none).
import { lex } from './expand.js';

export interface HeredocMarker {
  name: string;
  /** False when any part of the name was quoted. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  chomp: boolean;
}

const marker = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
const noEnv = new Map<string, string>();

/** The heredoc that `word` opens, if it is one; throws on a malformed name. */
export function heredocMarker(word: string): HeredocMarker | undefined {
  const match = marker.exec(word);
  const rest = match?.[3];
  if (rest === undefined || rest === '') return undefined;
  const words = lex(rest, noEnv, { escape: '\\', skipUnsetEnv: true }).words;
  if (words.length !== 1) return undefined;
  // Quotes removed change the count: then the name was (partly) quoted.
  const raw = lex(rest, noEnv, { escape: '\\', skipUnsetEnv: true, rawQuotes: true }).words[0]!;
  const name = words[0]!;
  return { name, expand: quoteCount(name) === quoteCount(raw), chomp: match![2] === '-' };
}

/** heredocMarker, with a malformed name meaning no heredoc (as BuildKit's MustParseHeredoc). */
export function isHeredocMarker(word: string): HeredocMarker | undefined {
  try {
    return heredocMarker(word);
  } catch {
    return undefined;
  }
}

function quoteCount(s: string): number {
  return s.split('').filter((ch) => ch === '"' || ch === "'").length;
}

/** The heredocs a logical line opens, in order (none when it does not lex). */
export function heredocMarkers(line: string): HeredocMarker[] {
  let words: string[];
  try {
    words = lex(line, noEnv, { escape: '\\', rawQuotes: true, rawEscapes: true, skipUnsetEnv: true }).words;
  } catch {
    return [];
  }
  return words.map(heredocMarker).filter((h) => h !== undefined);
}

/** The body of a `<<-` heredoc: leading tabs removed from every line. */
export function chompHeredoc(content: string): string {
  return content.replace(/(^|\n)\t+/g, '$1');
}
