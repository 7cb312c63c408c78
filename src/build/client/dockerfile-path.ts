// Where the Dockerfile of `cais build DIR` is, as the docker CLI finds it
// (GetContextFromLocalDir, getDockerfileRelPath): `-f` is relative to the
// current directory, not the context; without it "Dockerfile", or
// "dockerfile" when only that exists; symlinks resolved, so a Dockerfile
// that is a link to a file elsewhere is outside the context.
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidArgument } from '../../common/index.js';

export interface LocatedDockerfile {
  /** The context directory, absolute, symlinks resolved. */
  contextDir: string;
  /** The Dockerfile's path relative to the context, '/'-separated; starts with "../" when outside it. */
  relative: string;
  /** Its absolute path, symlinks resolved. */
  path: string;
  /** Whether it lies outside the context (then it is read and added under a name of its own). */
  outside: boolean;
}

function errnoText(err: unknown, op: string, path: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'ENOTDIR' ? 'not a directory' : code === 'EACCES' ? 'permission denied' : String(err);
  return `${op} ${path}: ${reason}`;
}

/** filepath.EvalSymlinks's error for a path that does not resolve: the lstat of its first missing component. */
async function evalSymlinks(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    let failed = path;
    for (let prefix = path; prefix !== '/' && prefix !== ''; prefix = resolve(prefix, '..')) {
      const ok = await lstat(prefix).then(() => true, () => false);
      if (ok) break;
      failed = prefix;
    }
    throw new InvalidArgument(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: ${errnoText(err, 'lstat', failed)}`, { cause: err });
  }
}

/** The context directory as the docker CLI resolves it (ResolveAndValidateContextPath). */
async function contextPath(dir: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(resolve(dir));
  } catch (err) {
    throw new InvalidArgument(`unable to prepare context: unable to evaluate symlinks in context path: ${errnoText(err, 'lstat', resolve(dir))}`, { cause: err });
  }
  const st = await lstat(real);
  if (!st.isDirectory()) throw new InvalidArgument(`unable to prepare context: context must be a directory: ${real}`);
  return real;
}

/** Finds the Dockerfile of the context `dir` for `-f file` ('' when not given). */
export async function locateDockerfile(dir: string, file: string, cwd = process.cwd()): Promise<LocatedDockerfile> {
  const contextDir = await contextPath(resolve(cwd, dir));
  let given: string;
  if (file !== '') {
    given = resolve(cwd, file);
  } else {
    given = join(contextDir, 'Dockerfile');
    const exists = await lstat(given).then(() => true, () => false);
    if (!exists && (await lstat(join(contextDir, 'dockerfile')).then(() => true, () => false))) given = join(contextDir, 'dockerfile');
  }
  if (!isAbsolute(given)) given = join(contextDir, given);
  const path = await evalSymlinks(given);
  const rel = relative(contextDir, path).split(sep).join('/');
  return { contextDir, relative: rel, path, outside: rel === '..' || rel.startsWith('../') };
}
