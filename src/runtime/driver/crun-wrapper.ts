// crun 1.8 refuses hosts in cgroup hybrid mode whose cgroup2 mount has
// controllers ("cgroups in hybrid mode not supported, drop all controllers
// from cgroupv2"). Without touching the host, the wrapper runs crun in a
// private mount namespace where /sys/fs/cgroup/unified is unmounted, so
// crun sees plain cgroup v1 and limits land in the v1 hierarchies. On other
// hosts it just execs crun. conmon and the driver call it as the runtime.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';

const unified = '/sys/fs/cgroup/unified';

export function crunWrapperScript(crun: string): string {
  const q = shellQuote(crun);
  return `#!/bin/sh
# Written by cais: runs crun with ${unified} hidden on hybrid cgroup hosts.
c=
[ -r ${unified}/cgroup.controllers ] && read -r c < ${unified}/cgroup.controllers
if [ -n "$c" ]; then
  exec unshare --mount --propagation private sh -c 'umount ${unified} && exec "$0" "$@"' ${q} "$@"
fi
exec ${q} "$@"
`;
}

/** Writes the wrapper at `path` (atomically, only when it changed). */
export async function installCrunWrapper(path: string, crun: string): Promise<void> {
  const script = crunWrapperScript(crun);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === script) return;
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, script, { mode: 0o755 });
  await chmod(tmp, 0o755);
  await rename(tmp, path);
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}
