// Characters and quoting as Go's unicode and strconv packages define them:
// BuildKit splits words on unicode.IsSpace and quotes values in its messages
// with %q, so matching them keeps cais's parse and errors identical.

const otherSpaces = /^[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Go's unicode.IsSpace (JS's \s also takes U+FEFF, Go does not). */
export function isSpace(ch: string): boolean {
  switch (ch) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case '\u0085':
    case '\u00a0':
      return true;
  }
  return otherSpaces.test(ch);
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). Every such space is one UTF-16 unit. */
export function trimLeftSpace(s: string): string {
  let start = 0;
  while (start < s.length && isSpace(s[start]!)) start++;
  return s.slice(start);
}

/** Go's strings.TrimSpace. */
export function trimSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1]!)) end--;
  return trimLeftSpace(s.slice(0, end));
}

/** Go's unicode.IsLetter. */
export function isLetter(ch: string): boolean {
  return /^\p{L}$/u.test(ch);
}

/** Go's unicode.IsDigit (any decimal digit, not only ASCII). */
export function isDigit(ch: string): boolean {
  return /^\p{Nd}$/u.test(ch);
}

/** The length of `s` in UTF-8 bytes, the unit of Go's limits and CSV columns. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const shortEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Go's strconv.Quote, which `%q` and `%#v` print. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (printable.test(ch)) out += ch;
    else out += shortEscapes[ch] ?? hexEscape(ch.codePointAt(0)!);
  }
  return `${out}"`;
}

function hexEscape(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}
