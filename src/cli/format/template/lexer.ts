// The lexer of Go's text/template (text/template/parse/lex.go), so that
// templates split into the same tokens and fail with the same messages.
import { quoteGo } from '../go-printf.js';

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  /** Offset in the template text (UTF-16 units; converted to bytes for messages). */
  pos: number;
  val: string;
  line: number;
}

const keywords: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

function isKeyword(type: ItemType): boolean {
  return Object.values(keywords).includes(type);
}

/** How Go prints a token in "unexpected ..." messages. */
export function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (isKeyword(item.type)) return `<${item.val}>`;
  if (item.val.length > 10) return quoteGo(item.val.slice(0, 10)) + '...';
  return quoteGo(item.val);
}

/** Go's %#U of a character: U+0021 '!'. */
function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${ch}'` : hex;
}

const leftDelim = '{{';
const rightDelim = '}}';
const leftComment = '/*';
const rightComment = '*/';
const trimMarkerLen = 2;

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch);
}

function hasLeftTrimMarker(s: string): boolean {
  return s.length >= 2 && s[0] === '-' && isSpace(s[1] as string);
}

function hasRightTrimMarker(s: string): boolean {
  return s.length >= 2 && isSpace(s[0] as string) && s[1] === '-';
}

type Next = 'text' | 'action' | 'stop';

/** Splits a template into tokens; the last one is `eof` or `error`. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let start = 0;
  let pos = 0;
  let parenDepth = 0;
  // Line numbers, counted incrementally as `start` only moves forward.
  let lineAt = 0;
  let line = 1;
  const lineOf = (offset: number): number => {
    line += countNewlines(input.slice(lineAt, offset));
    lineAt = offset;
    return line;
  };

  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: lineOf(start) });
    start = pos;
  };
  const ignore = (): void => {
    start = pos;
  };
  const fail = (message: string): Next => {
    items.push({ type: 'error', pos: start, val: message, line: lineOf(start) });
    return 'stop';
  };
  const peek = (): string => (pos < input.length ? String.fromCodePoint(input.codePointAt(pos) as number) : '');
  const next = (): string => {
    const ch = peek();
    pos += ch.length;
    return ch;
  };
  const skipSpaces = (): void => {
    while (pos < input.length && isSpace(input[pos] as string)) pos++;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    const rest = input.slice(pos, pos + trimMarkerLen + rightDelim.length);
    if (hasRightTrimMarker(rest) && rest.startsWith(rightDelim, trimMarkerLen)) return { delim: true, trim: true };
    return { delim: rest.startsWith(rightDelim), trim: false };
  };
  const atTerminator = (): boolean => {
    const ch = peek();
    if (ch === '' || isSpace(ch) || '.,|:()'.includes(ch)) return true;
    return input.startsWith(rightDelim, pos);
  };

  const lexText = (): Next => {
    const x = input.indexOf(leftDelim, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return 'stop';
    }
    pos = x;
    if (hasLeftTrimMarker(input.slice(x + leftDelim.length, x + leftDelim.length + trimMarkerLen))) {
      pos = start + input.slice(start, x).replace(/[ \t\r\n]+$/, '').length;
    }
    if (pos > start) emit('text');
    pos = x;
    ignore();
    return lexLeftDelim();
  };

  const lexLeftDelim = (): Next => {
    pos += leftDelim.length;
    const afterMarker = hasLeftTrimMarker(input.slice(pos, pos + trimMarkerLen)) ? trimMarkerLen : 0;
    if (input.startsWith(leftComment, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment();
    }
    emit('leftDelim');
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return 'action';
  };

  const lexComment = (): Next => {
    pos += leftComment.length;
    const x = input.indexOf(rightComment, pos);
    if (x < 0) return fail('unclosed comment');
    pos = x + rightComment.length;
    const { delim, trim } = atRightDelim();
    if (!delim) return fail('comment ends before closing delimiter');
    pos += (trim ? trimMarkerLen : 0) + rightDelim.length;
    if (trim) skipSpaces();
    ignore();
    return 'text';
  };

  const lexRightDelim = (trim: boolean): Next => {
    if (trim) {
      pos += trimMarkerLen;
      ignore();
    }
    pos += rightDelim.length;
    emit('rightDelim');
    if (trim) {
      skipSpaces();
      ignore();
    }
    return 'text';
  };

  const lexInsideAction = (): Next => {
    const { delim, trim } = atRightDelim();
    if (delim) return parenDepth === 0 ? lexRightDelim(trim) : fail('unclosed left paren');
    const ch = next();
    if (ch === '') return fail('unclosed action');
    if (isSpace(ch)) {
      pos -= 1;
      return lexSpace();
    }
    switch (ch) {
      case '=':
        emit('assign');
        return 'action';
      case ':':
        if (next() !== '=') return fail('expected :=');
        emit('declare');
        return 'action';
      case '|':
        emit('pipe');
        return 'action';
      case '"':
        return lexQuote();
      case '`':
        return lexRawQuote();
      case '$':
        return lexFieldOrVariable('variable');
      case "'":
        return lexChar();
      case '(':
        emit('leftParen');
        parenDepth++;
        return 'action';
      case ')':
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
        emit('rightParen');
        return 'action';
    }
    if (ch === '.') {
      const following = peek();
      if (following === '' || following < '0' || following > '9') return lexFieldOrVariable('field');
    }
    if (ch === '.' || ch === '+' || ch === '-' || (ch >= '0' && ch <= '9')) {
      pos -= 1;
      return lexNumber();
    }
    if (isAlphaNumeric(ch)) {
      pos -= ch.length;
      return lexIdentifier();
    }
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80 && cp >= 0x20 && cp !== 0x7f) {
      emit('char');
      return 'action';
    }
    return fail(`unrecognized character in action: ${describeChar(ch)}`);
  };

  const lexSpace = (): Next => {
    let spaces = 0;
    while (isSpace(peek())) {
      next();
      spaces++;
    }
    // A space followed by "-}}" belongs to the trim marker.
    if (hasRightTrimMarker(input.slice(pos - 1, pos + 1)) && input.startsWith(rightDelim, pos - 1 + trimMarkerLen)) {
      pos -= 1;
      if (spaces === 1) return 'action';
    }
    emit('space');
    return 'action';
  };

  const lexIdentifier = (): Next => {
    while (isAlphaNumeric(peek())) next();
    if (!atTerminator()) return fail(`bad character ${describeChar(peek())}`);
    const word = input.slice(start, pos);
    const keyword = keywords[word];
    if (keyword !== undefined && word !== '.') emit(keyword);
    else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
    return 'action';
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): Next => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return 'action';
    }
    while (isAlphaNumeric(peek())) next();
    if (!atTerminator()) return fail(`bad character ${describeChar(peek())}`);
    emit(type);
    return 'action';
  };

  const lexQuoted = (quote: string, type: ItemType, message: string): Next => {
    for (;;) {
      const ch = next();
      if (ch === '\\') {
        const escaped = next();
        if (escaped !== '' && escaped !== '\n') continue;
        return fail(message);
      }
      if (ch === '' || ch === '\n') return fail(message);
      if (ch === quote) break;
    }
    emit(type);
    return 'action';
  };
  const lexChar = (): Next => lexQuoted("'", 'charConstant', 'unterminated character constant');
  const lexQuote = (): Next => lexQuoted('"', 'string', 'unterminated quoted string');

  const lexRawQuote = (): Next => {
    const x = input.indexOf('`', pos);
    if (x < 0) return fail('unterminated raw quoted string');
    pos = x + 1;
    emit('rawString');
    return 'action';
  };

  const lexNumber = (): Next => {
    if (!scanNumber()) return fail(`bad number syntax: ${quoteGo(input.slice(start, pos))}`);
    emit('number');
    return 'action';
  };

  const scanNumber = (): boolean => {
    const accept = (valid: string): boolean => {
      const ch = peek();
      if (ch === '' || !valid.includes(ch)) return false;
      next();
      return true;
    };
    const acceptRun = (valid: string): void => {
      while (accept(valid));
    };
    accept('+-');
    const decimal = '0123456789_';
    let digits = decimal;
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits === decimal && accept('eE')) {
      accept('+-');
      acceptRun(decimal);
    }
    accept('i');
    // The next thing must not be alphanumeric.
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  for (let state: Next = 'text'; state !== 'stop'; ) {
    state = state === 'text' ? lexText() : lexInsideAction();
  }
  return items;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
