// The process environment as Docker builds it (moby container.CreateDaemonEnvironment):
// PATH and HOSTNAME first, TERM=xterm with a TTY, then the container's own
// variables, which replace defaults of the same name; a bare "NAME" removes it.

export const defaultPathEnv = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function containerEnv(env: readonly string[], hostname: string, tty: boolean): string[] {
  const base = [defaultPathEnv, `HOSTNAME=${hostname}`];
  if (tty) base.push('TERM=xterm');
  return replaceOrAppendEnv(base, env);
}

/** moby ReplaceOrAppendEnvValues: overrides replace same-named entries in place, the rest are appended. */
export function replaceOrAppendEnv(defaults: readonly string[], overrides: readonly string[]): string[] {
  const out: (string | undefined)[] = [...defaults];
  const index = new Map<string, number>();
  out.forEach((e, i) => index.set(nameOf(e!), i));
  for (const e of overrides) {
    const name = nameOf(e);
    const at = index.get(name);
    if (!e.includes('=')) {
      // A bare name unsets the variable.
      if (at !== undefined) out[at] = undefined;
      index.delete(name);
      continue;
    }
    if (at !== undefined) out[at] = e;
    else index.set(name, out.push(e) - 1);
  }
  return out.filter((e): e is string => e !== undefined);
}

function nameOf(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(0, eq);
}
