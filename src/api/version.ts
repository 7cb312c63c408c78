// API versions served, and the check moby's version middleware makes
// (api/server/middleware/version.go), with its wording.
import { InvalidArgument } from '../common/index.js';

/** The default and highest API version served. */
export const maxApiVersion = '1.50';
/** The lowest API version served. */
export const minApiVersion = '1.24';

/** Compares dotted versions numerically, part by part, as moby's `versions.compare`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    // A part that is not a number counts as 0, as Go's strconv.Atoi error path.
    const x = Number.parseInt(pa[i] ?? '0', 10) || 0;
    const y = Number.parseInt(pb[i] ?? '0', 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function versionLess(a: string, b: string): boolean {
  return compareVersions(a, b) < 0;
}

/** Throws InvalidArgument (400) when a client asks for a version outside what we serve. */
export function checkApiVersion(version: string): void {
  if (versionLess(version, minApiVersion)) {
    throw new InvalidArgument(
      `client version ${version} is too old. Minimum supported API version is ${minApiVersion}, please upgrade your client to a newer version`,
    );
  }
  if (versionLess(maxApiVersion, version)) {
    throw new InvalidArgument(`client version ${version} is too new. Maximum supported API version is ${maxApiVersion}`);
  }
}
