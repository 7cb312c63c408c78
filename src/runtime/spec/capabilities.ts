// Linux capabilities as Docker grants them (moby daemon/pkg/oci/caps):
// a default set of 14, adjusted by --cap-add/--cap-drop (names with or
// without CAP_, any case, or ALL) and --privileged.
import { InvalidArgument } from '../../common/index.js';

/**
 * Every capability Linux knows, in bit order (CAP_CHOWN is bit 0), as
 * containerd's pkg/cap Known() lists them for kernel 5.9 and later.
 */
export const knownCapabilities: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/**
 * Docker's default capabilities, in moby's order. Source: moby/moby
 * daemon/pkg/oci/caps/defaults.go @ b985e2313a8676e18072b442911fc8f64f17d440
 * (Apache-2.0); containerd's defaultUnixCaps is the same list.
 */
export const defaultCapabilities: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

const known = new Set(knownCapabilities);
const all = 'ALL';

/** The capability names set in a hex mask such as /proc/self/status's CapEff, in bit order. */
export function capabilitiesFromMask(hex: string): string[] {
  const mask = BigInt(`0x${hex.trim()}`);
  return knownCapabilities.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

/**
 * Upper-cases names and adds the CAP_ prefix; keeps ALL (moby
 * NormalizeLegacyCapabilities). `available` is what the daemon itself holds:
 * a capability it lacks cannot be given to a container.
 */
export function normalizeCapabilities(names: readonly string[], available: ReadonlySet<string>): string[] {
  return names.map((name) => {
    let c = name.toUpperCase();
    if (c === all) return c;
    if (!c.startsWith('CAP_')) c = `CAP_${c}`;
    if (!known.has(c)) throw new InvalidArgument(`unknown capability: ${JSON.stringify(c)}`);
    if (!available.has(c)) {
      throw new InvalidArgument(
        `capability not supported by your kernel or not available in the current environment: ${JSON.stringify(c)}`,
      );
    }
    return c;
  });
}

export interface CapabilityRequest {
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  privileged?: boolean;
}

/**
 * The container's capability set (moby TweakCapabilities): privileged gets
 * every capability the daemon holds; `--cap-add ALL` all of them but the
 * dropped ones; `--cap-drop ALL` only the added ones; otherwise the defaults
 * minus drops plus adds. Duplicates are dropped, first occurrence wins.
 */
export function containerCapabilities(req: CapabilityRequest, hostCapabilities: readonly string[]): string[] {
  const hostAll = knownCapabilities.filter((c) => hostCapabilities.includes(c));
  if (req.privileged) return hostAll;
  const adds = req.capAdd ?? [];
  const drops = req.capDrop ?? [];
  if (adds.length === 0 && drops.length === 0) return [...defaultCapabilities];

  const available = new Set(hostAll);
  const capDrop = normalizeCapabilities(drops, available);
  const capAdd = normalizeCapabilities(adds, available);
  let caps: string[];
  if (capAdd.includes(all)) caps = hostAll.filter((c) => !capDrop.includes(c));
  else if (capDrop.includes(all)) caps = capAdd;
  else caps = [...defaultCapabilities.filter((c) => !capDrop.includes(c)), ...capAdd];
  return [...new Set(caps)];
}
