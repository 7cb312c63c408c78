// WWW-Authenticate challenges as registries send them (RFC 7235):
// `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"`
// or `Basic realm="Registry"`, parameters quoted or not, commas and escaped
// quotes inside quotes, several challenges in one header.

export interface Challenge {
  /** Lower case: 'bearer', 'basic'. */
  scheme: string;
  params: Record<string, string>;
}

const token = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;

export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    token.lastIndex = i;
    const m = token.exec(header);
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  const readQuoted = (): string => {
    let value = '';
    i++; // the opening quote
    while (i < header.length && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      value += header[i];
      i++;
    }
    i++; // the closing quote
    return value;
  };
  while (i < header.length) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const scheme = readToken();
    if (scheme === '') break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      skipSpace();
      const start = i;
      const name = readToken();
      skipSpace();
      if (name === '' || header[i] !== '=') {
        // the next challenge's scheme (or the end)
        i = start;
        break;
      }
      i++;
      skipSpace();
      challenge.params[name.toLowerCase()] = header[i] === '"' ? readQuoted() : readToken();
      skipSpace();
      if (header[i] === ',') i++;
    }
  }
  return out;
}
