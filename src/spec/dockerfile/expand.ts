// Variable substitution and word splitting as BuildKit's shell lexer
// (frontend/dockerfile/shell) does them: quotes, the escape character,
// `$var`, `${var}`, `${var:-w}` `${var-w}` `${var:+w}` `${var+w}`
// `${var:?msg}` `${var?msg}`, `${var#p}` `${var##p}` `${var%p}` `${var%%p}`,
// `${var/p/r}` `${var//p/r}`. The parser never expands: the builder calls
// these at build time, with the build args and ENV in scope.
import { InvalidArgument } from '../../common/index.js';
import { replacePattern, trimPatternPrefix, trimPatternSuffix } from './shell-pattern.js';
import { goQuote, isDigit, isLetter, isSpace } from './text.js';
import type { EscapeChar } from './types.js';

/** The variables in scope; names are case-sensitive (Linux). */
export type Env = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface LexOptions {
  escape: string;
  /** Keep quotes in the result (heredoc detection). */
  rawQuotes?: boolean;
  /** Keep escape characters in the result (heredoc detection). */
  rawEscapes?: boolean;
  /** Leave unset variables as written instead of expanding them to "". */
  skipUnsetEnv?: boolean;
  /** Quotes are ordinary characters (heredoc bodies). */
  skipQuotes?: boolean;
}

function lookup(env: Env, name: string): string | undefined {
  if (env instanceof Map) return env.get(name);
  const record = env as Readonly<Record<string, string>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

// `$@`, `$*`, `$#`... are looked up like names (and so are usually empty).
const specialParams = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** Collects the words of the result: text from variables is split on blanks, quoted text is not. */
class Words {
  private readonly words: string[] = [];
  private word = '';
  private inWord = false;

  addChar(ch: string): void {
    if (!isSpace(ch)) this.addRaw(ch);
    else if (this.inWord && this.word !== '') {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
  }

  addRaw(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  addSplit(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  // An empty quoted word ("") is dropped, as BuildKit drops it.
  finish(): string[] {
    if (this.word !== '') this.words.push(this.word);
    return this.words;
  }
}

class Lexer {
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes: boolean;

  constructor(
    text: string,
    private readonly env: Env,
    private readonly options: LexOptions,
  ) {
    this.chars = [...text];
    this.rawEscapes = options.rawEscapes ?? false;
  }

  run(): { word: string; words: string[] } {
    return this.until(undefined, this.rawEscapes);
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string | undefined {
    const ch = this.chars[this.pos];
    if (ch !== undefined) this.pos++;
    return ch;
  }

  /** Processes up to `stop` (consumed) or, when undefined, to the end. */
  private until(stop: string | undefined, rawEscapes: boolean): { word: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let word = '';
      const words = new Words();
      for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
        if (ch === stop) {
          this.next();
          return { word, words: words.finish() };
        }
        if (ch === '$') {
          const value = this.dollar();
          word += value;
          words.addSplit(value);
        } else if ((ch === "'" || ch === '"') && !this.options.skipQuotes) {
          const value = ch === "'" ? this.singleQuoted() : this.doubleQuoted();
          word += value;
          words.addRaw(value);
        } else {
          this.next();
          if (ch !== this.options.escape) {
            word += ch;
            words.addChar(ch);
            continue;
          }
          if (this.rawEscapes) {
            word += ch;
            words.addRaw(ch);
          }
          // An escape at the very end is dropped.
          const escaped = this.next();
          if (escaped === undefined) break;
          word += escaped;
          words.addRaw(escaped);
        }
      }
      if (stop !== undefined) throw new InvalidArgument(`unexpected end of statement while looking for matching ${stop}`);
      return { word, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  /** Like `until`, but an error at the end of the text is `missing` (an unclosed `${`). */
  private inner(stop: string, rawEscapes: boolean, missing: string): string {
    try {
      return this.until(stop, rawEscapes).word;
    } catch (err) {
      if (err instanceof InvalidArgument && this.peek() === undefined) throw new InvalidArgument(missing);
      throw err;
    }
  }

  // Everything between single quotes is literal; a single quote cannot be escaped.
  private singleQuoted(): string {
    const quote = this.next()!;
    let text = this.options.rawQuotes ? quote : '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new InvalidArgument('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return this.options.rawQuotes ? text + ch : text;
      text += ch;
    }
  }

  // Between double quotes, `$` expands and the escape character escapes only
  // `"`, `$` and itself (it stays before anything else, as in sh).
  private doubleQuoted(): string {
    const quote = this.next()!;
    let text = this.options.rawQuotes ? quote : '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new InvalidArgument('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return this.options.rawQuotes ? text + ch : text;
      }
      if (ch === '$') {
        text += this.dollar();
        continue;
      }
      let out = this.next()!;
      if (out === this.options.escape) {
        if (this.rawEscapes) text += out;
        const after = this.peek();
        if (after === undefined) continue;
        if (after === '"' || after === '$' || after === this.options.escape) out = this.next()!;
      }
      text += out;
    }
  }

  private name(): string {
    let name = '';
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (name === '' && isDigit(ch)) {
        while (this.peek() !== undefined && isDigit(this.peek()!)) name += this.next();
        return name;
      }
      if (name === '' && specialParams.has(ch)) return this.next()!;
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }

  private get(name: string): { value: string; set: boolean } {
    const value = lookup(this.env, name);
    return { value: value ?? '', set: value !== undefined };
  }

  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      const { value, set } = this.get(name);
      return !set && this.options.skipUnsetEnv ? `$${name}` : value;
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new InvalidArgument("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new InvalidArgument('syntax error: bad substitution');
    const name = this.name();
    // Go prints the end of input as U+FFFD.
    let op = this.next();
    let modifier = op ?? '\uFFFD';
    if (op === '}') {
      const { value, set } = this.get(name);
      return !set && this.options.skipUnsetEnv ? `\${${name}}` : value;
    }
    if (op === '/') return this.replace(name);
    const nullIsUnset = op === ':';
    if (nullIsUnset) {
      op = this.next();
      modifier += op ?? '\uFFFD';
    } else if (op === undefined || !'+-?#%'.includes(op)) {
      throw new InvalidArgument(`unsupported modifier (${modifier}) in substitution`);
    }
    const isPattern = op === '#' || op === '%';
    if (nullIsUnset && isPattern) throw new InvalidArgument(`unsupported modifier (${modifier}) in substitution`);
    // Patterns keep their escapes: `\*` is a literal star there.
    const word = this.inner('}', isPattern, "syntax error: missing '}'");
    const { value, set } = this.get(name);
    if (!set && this.options.skipUnsetEnv) return `\${${name}${modifier}${word}}`;
    const unset = !set || (nullIsUnset && value === '');
    switch (op) {
      case '-':
        return unset ? word : value;
      case '+':
        return unset ? '' : word;
      case '?':
        if (!set) throw new InvalidArgument(`${name}: ${word || 'is not allowed to be unset'}`);
        if (unset) throw new InvalidArgument(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        // One `#`/`%` removes the shortest match, two the longest.
        const greedy = word.startsWith(op);
        const pattern = greedy ? word.slice(1) : word;
        return op === '#' ? trimPatternPrefix(value, pattern, greedy) : trimPatternSuffix(value, pattern, greedy);
      }
    }
    throw new InvalidArgument(`unsupported modifier (${modifier}) in substitution`);
  }

  private replace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    const pattern = this.inner('/', true, "syntax error: missing '/' in ${}");
    const replacement = this.inner('}', true, "syntax error: missing '}'");
    const { value, set } = this.get(name);
    if (!set && this.options.skipUnsetEnv) return `\${${name}/${pattern}/${replacement}}`;
    return replacePattern(value, pattern, replacement, all);
  }
}

/** Runs the lexer over `text`: the whole result, and its words. */
export function lex(text: string, env: Env, options: LexOptions): { word: string; words: string[] } {
  try {
    return new Lexer(text, env, options).run();
  } catch (err) {
    if (err instanceof InvalidArgument) throw new InvalidArgument(`failed to process ${goQuote(text)}: ${err.message}`, { cause: err });
    throw err;
  }
}

/**
 * One value with its variables expanded and its quotes and escapes removed,
 * as Docker does for ENV, LABEL, WORKDIR, USER... (see EXPANDED_FIELDS).
 */
export function expandWord(word: string, env: Env, escape: EscapeChar = '\\'): string {
  return lex(word, env, { escape }).word;
}

/** Expanded, then split into words on unquoted blanks (EXPOSE). */
export function expandWords(text: string, env: Env, escape: EscapeChar = '\\'): string[] {
  return lex(text, env, { escape }).words;
}

/**
 * The body of a COPY/ADD heredoc whose name was not quoted: variables
 * expanded, `\` escaping the next character, quotes left alone. (RUN
 * heredocs are not expanded by Docker: their shell does it.)
 */
export function expandHeredoc(content: string, env: Env): string {
  return lex(content, env, { escape: '\\', skipQuotes: true }).word;
}
