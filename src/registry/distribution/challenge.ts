// WWW-Authenticate challenges (RFC 7235) as registries send them:
//   Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"
//   Basic realm="Registry Realm"
// Several challenges may share one header (or come in several headers);
// values are tokens or quoted strings, and quoted strings may hold commas,
// `=` and backslash-escaped quotes. A malformed tail is dropped, not guessed.

export interface Challenge {
  /** Lower case: 'bearer', 'basic'. */
  scheme: string;
  /** Parameter names lower case, values unquoted. */
  params: Record<string, string>;
}

const tokenChar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
// Unquoted values are read up to a separator: some registries leave URLs (':' and '/') unquoted.
const unquotedValueChar = /[^\s,"]/;

class Cursor {
  i = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.i >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.i];
  }
  skipSpace(): void {
    while (!this.done && /\s/.test(this.text[this.i]!)) this.i++;
  }
  read(allowed: RegExp): string {
    const start = this.i;
    while (!this.done && allowed.test(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i);
  }
  /** A quoted string at the cursor (on its opening quote); undefined when it never closes. */
  readQuoted(): string | undefined {
    let value = '';
    for (this.i++; !this.done; this.i++) {
      const c = this.text[this.i]!;
      if (c === '"') {
        this.i++;
        return value;
      }
      if (c === '\\' && this.i + 1 < this.text.length) this.i++;
      value += this.text[this.i];
    }
    return undefined;
  }
}

export function parseChallenges(headers: string | readonly string[] | undefined): Challenge[] {
  if (headers === undefined) return [];
  return (typeof headers === 'string' ? [headers] : headers).flatMap(parseHeader);
}

function parseHeader(header: string): Challenge[] {
  const out: Challenge[] = [];
  const c = new Cursor(header);
  for (;;) {
    c.skipSpace();
    while (c.peek() === ',') {
      c.i++;
      c.skipSpace();
    }
    const scheme = c.read(tokenChar);
    // a scheme stands alone: `s"` is junk, not a scheme
    if (scheme === '' || (!c.done && !/[\s,]/.test(c.peek()!))) return out;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    // parameters until the next scheme (a token not followed by '=')
    for (;;) {
      c.skipSpace();
      const start = c.i;
      const name = c.read(tokenChar);
      c.skipSpace();
      if (name === '' || c.peek() !== '=') {
        c.i = start;
        break;
      }
      c.i++;
      c.skipSpace();
      const value = c.peek() === '"' ? c.readQuoted() : c.read(unquotedValueChar);
      if (value === undefined) return out;
      challenge.params[name.toLowerCase()] = value;
      c.skipSpace();
      if (c.peek() !== ',') break;
      while (c.peek() === ',' || (c.peek() !== undefined && /\s/.test(c.peek()!))) c.i++;
    }
    // anything that is neither a parameter nor a scheme ends the header
    c.skipSpace();
    if (!c.done && !tokenChar.test(c.peek()!) && c.peek() !== ',') return out;
  }
}
