// Facts about the host and this build of cais for /info and /version, read
// once: the package version, the OS name, the kernel.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** cais's package.json version, found above this module (src/ or dist/src/). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === 'cais' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}

/** /etc/os-release as key -> value. */
function osRelease(): Record<string, string> {
  try {
    const out: Record<string, string> = {};
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
    }
    return out;
  } catch {
    return {};
  }
}

const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
const release = osRelease();

export const host = {
  version: packageVersion(),
  operatingSystem: release.PRETTY_NAME ?? 'Linux',
  osVersion: release.VERSION_ID ?? '',
  kernelVersion: os.release(),
  /** Go's GOARCH spelling, as /version reports it. */
  arch: goArch[process.arch] ?? process.arch,
  /** uname -m, as /info reports it. */
  machine: os.machine(),
  /** '2' on the unified hierarchy only; a hybrid host counts as v1, as Docker counts it. */
  cgroupVersion: existsSync('/sys/fs/cgroup/cgroup.controllers') ? ('2' as const) : ('1' as const),
};
