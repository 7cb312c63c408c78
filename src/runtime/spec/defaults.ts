// Docker's defaults for a Linux container (moby daemon/pkg/oci/defaults.go,
// DefaultLinuxSpec): mounts, masked and read-only paths, namespaces and the
// device cgroup rules. Functions return fresh copies the builder may change.
import type { OciDeviceCgroup, OciMount, OciNamespace } from './oci-runtime-config.js';

export const defaultShmSize = 64 * 1024 * 1024;

/** Default mounts, in Docker's order; /dev/shm gets its size= later. */
export function defaultMounts(): OciMount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777'] },
  ];
}

/**
 * Paths Docker hides (bind-mounts /dev/null or an empty read-only tmpfs over),
 * as of moby b985e23; /proc/interrupts and /sys/devices/virtual/powercap close
 * GHSA-6fw5-f8r9-fgfm and GHSA-jq35-85cj-fj4p. Docker also masks each
 * /sys/devices/system/cpu/cpuN/thermal_throttle that exists on the host
 * (HostFacts.extraMaskedPaths).
 */
export const defaultMaskedPaths: readonly string[] = [
  '/proc/acpi',
  '/proc/asound',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/sys/devices/virtual/powercap',
  '/sys/firmware',
];

export const defaultReadonlyPaths: readonly string[] = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** Docker's namespace order; the builder replaces or removes entries. */
export function defaultNamespaces(): OciNamespace[] {
  return [{ type: 'mount' }, { type: 'network' }, { type: 'uts' }, { type: 'pid' }, { type: 'ipc' }];
}

/**
 * Deny every device, then allow zero (1:5), null (1:3), urandom (1:9),
 * random (1:8), tty (5:0) and console (5:1); /dev/fuse (10:229) stays denied.
 */
export function defaultDeviceRules(): OciDeviceCgroup[] {
  const allow = (major: number, minor: number): OciDeviceCgroup => ({ allow: true, type: 'c', major, minor, access: 'rwm' });
  return [
    { allow: false, access: 'rwm' },
    allow(1, 5),
    allow(1, 3),
    allow(1, 9),
    allow(1, 8),
    allow(5, 0),
    allow(5, 1),
    { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
  ];
}
