// Go's path.Clean, which Docker applies to .dockerignore patterns and to
// paths in the context before matching them: the same text must clean to
// the same pattern here, or a line would match other files than in Docker.

/** The shortest equivalent of a slash path, lexically: no '.', no 'x/..', no repeated or trailing '/'; '' is '.'. */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..'); // '..' above '/' is '/'
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}
