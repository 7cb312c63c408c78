// From physical lines to logical ones, as BuildKit's parser reads them:
// comments and blank lines skipped, parser directives noted, lines ending in
// the escape character joined with the next (comment and blank lines inside
// such a continuation are dropped, the blank ones with a warning), and
// heredoc bodies read raw when the instruction asks for them.
import { InvalidArgument } from '../../common/index.js';
import { DirectiveScanner } from './directives.js';
import { DockerfileParseError, located } from './errors.js';
import { trimLeftSpace, utf8Length } from './text.js';
import type { EscapeChar, ParseWarning } from './types.js';

export interface LogicalLine {
  text: string;
  startLine: number;
  endLine: number;
}

// bufio.Scanner's limit: a line with its newline may not exceed 64 KiB.
const maxLineBytes = 64 * 1024;

function trimNewline(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

function isComment(line: string): boolean {
  return trimLeftSpace(line).startsWith('#');
}

/** The lines of `source`, each with its `\n` (only `\n` ends a line). */
function physicalLines(source: string): string[] {
  const lines: string[] = [];
  for (let start = 0; start < source.length; ) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline + 1;
    lines.push(source.slice(start, end));
    start = end;
  }
  return lines;
}

// A line continues when it ends with the escape character (trailing blanks
// allowed) not itself escaped; BuildKit's regexp misses an escaped escape
// before it (`a \\\`), and so does this one.
const continuation: Readonly<Record<EscapeChar, RegExp>> = {
  '\\': /([^\\])\\[ \t]*$|^\\[ \t]*$/u,
  '`': /([^`])`[ \t]*$|^`[ \t]*$/u,
};

export class LineReader {
  readonly directives = new DirectiveScanner();
  readonly warnings: ParseWarning[] = [];
  private readonly lines: string[];
  private consumed = 0;

  constructor(source: string) {
    this.lines = physicalLines(source);
  }

  /** The number of the last line read (1-based), 0 before any. */
  get lineNumber(): number {
    return this.consumed;
  }

  get escape(): EscapeChar {
    return this.directives.escape;
  }

  /** The next instruction's text, or undefined at the end of the file. */
  next(): LogicalLine | undefined {
    for (let raw = this.take(); raw !== undefined; raw = this.take()) {
      let first = trimLeftSpace(trimNewline(this.consumed === 1 ? raw.replace(/^\uFEFF/, '') : raw));
      try {
        this.directives.scan(first);
      } catch (err) {
        throw located(err, this.consumed, this.consumed);
      }
      if (isComment(first)) first = '';
      const startLine = this.consumed;
      let { text, continues } = this.trimContinuation(first);
      if (!continues && text === '') continue;
      let emptyContinuation = false;
      while (continues) {
        const next = this.take();
        if (next === undefined) break;
        const line = trimNewline(next);
        if (isComment(line)) continue;
        if (trimLeftSpace(line) === '') {
          emptyContinuation = true;
          continue;
        }
        const part = this.trimContinuation(line);
        text += part.text;
        continues = part.continues;
      }
      if (emptyContinuation) {
        this.warnings.push({ line: this.consumed, message: `Empty continuation line found in: ${text}` });
      }
      return { text, startLine, endLine: this.consumed };
    }
    return undefined;
  }

  /**
   * The body of a heredoc started on the last logical line: the following
   * lines, as they are, up to one that is `name` (after leading tabs with
   * `<<-`).
   */
  heredocBody(name: string, chomp: boolean): string {
    let content = '';
    for (let raw = this.take(); raw !== undefined; raw = this.take()) {
      let candidate = trimNewline(raw);
      if (chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === name) return content;
      content += raw;
    }
    throw new InvalidArgument('unterminated heredoc');
  }

  private take(): string | undefined {
    const line = this.lines[this.consumed];
    if (line === undefined) return undefined;
    this.consumed++;
    if (line.length * 3 > maxLineBytes && utf8Length(line) > maxLineBytes) {
      throw new DockerfileParseError(`dockerfile line greater than max allowed size of ${maxLineBytes - 1}`, this.consumed);
    }
    return line;
  }

  private trimContinuation(line: string): { text: string; continues: boolean } {
    const pattern = continuation[this.escape];
    if (!pattern.test(line)) return { text: line, continues: false };
    return { text: line.replace(pattern, '$1'), continues: true };
  }
}
