// Finds a program on PATH, as the shell would, so that conmon and the
// runtimes get absolute paths (conmon execs the runtime by path).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { Unavailable } from '../../common/index.js';

// runc lives in /usr/sbin on Debian, which a non-login PATH may lack.
const systemDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function findExecutable(name: string, path = process.env.PATH ?? ''): string {
  const dirs = [...path.split(delimiter).filter(Boolean), ...systemDirs];
  const candidates = isAbsolute(name) ? [name] : dirs.map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; try the next
    }
  }
  throw new Unavailable(`${name}: executable file not found in $PATH`);
}
