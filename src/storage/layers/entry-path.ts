import { TarFormatError } from './tar-reader.js';

/** An empty, '.' or '..' component, or a NUL byte: the path needs the slow, careful way. */
const unusual = /(?:^|\/)\.{0,2}(?:\/|$)|\0/;

/**
 * Normalises a tar entry path to a path relative to the layer root ('' for
 * the root itself), as Docker does: a leading '/' is dropped and '.' and
 * '..' are resolved lexically, so the kernel never sees a '..'. A path that
 * climbs above the root is refused.
 */
export function entryPath(name: string): string {
  // Fast path for the usual "./a/b", "a/b" and "a/b/" (one call per entry).
  let path = name;
  while (path.startsWith('./')) path = path.slice(2);
  if (path.endsWith('/')) path = path.slice(0, -1);
  if (!unusual.test(path)) return path;

  if (name.includes('\0')) throw new TarFormatError(`path ${JSON.stringify(name)} contains a NUL byte`);
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) throw new TarFormatError(`path ${JSON.stringify(name)} escapes the layer root`);
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}
