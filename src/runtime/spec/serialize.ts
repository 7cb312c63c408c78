// config.json text. JSON.stringify cannot write RLIM_INFINITY (2^64 - 1) as
// the exact integer runtimes parse into a uint64, so rlimit values equal to
// RLIM_INFINITY pass through as a marker string that is then replaced.
import { InvalidArgument } from '../../common/index.js';
import type { OciRuntimeConfig } from './oci-runtime-config.js';
import { RLIM_INFINITY } from './rlimits.js';

// NUL cannot occur in paths, argv or environment strings.
const marker = '\u0000rlim-infinity\u0000';
const quotedMarker = JSON.stringify(marker);

export function serializeRuntimeConfig(config: OciRuntimeConfig): string {
  const text = JSON.stringify(config, (_key, value: unknown) => {
    if (value === RLIM_INFINITY) return marker;
    if (value === marker) throw new InvalidArgument('runtime config contains a reserved string');
    return value;
  });
  return text.replaceAll(quotedMarker, '18446744073709551615');
}
