// This build of cais: its version (from package.json) and platform, for
// `cais -v`, `cais version` and `cais info`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The API version the client speaks (the /v1.50 prefix). */
export const clientApiVersion = '1.50';

/** Go's GOARCH names for Node's process.arch. */
const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export const clientArch = goArch[process.arch] ?? process.arch;

let version: string | undefined;

/** cais's package.json version, found above this module (src/ or dist/src/). */
export function cliVersion(): string {
  if (version !== undefined) return version;
  version = 'unknown';
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === 'cais' && typeof pkg.version === 'string') version = pkg.version;
    break;
  }
  return version;
}
