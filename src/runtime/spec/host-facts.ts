// Reads the host facts the spec builder needs, once, at daemon start: the
// daemon's effective capabilities and hard rlimits (/proc/self), the kernel
// release, and the CPU thermal_throttle paths Docker masks when they exist.
import { readFile, stat } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { Internal } from '../../common/index.js';
import { capabilitiesFromMask } from './capabilities.js';
import { RLIM_INFINITY } from './rlimits.js';
import type { HostFacts, RlimitName } from './settings.js';

// Both files are a few KiB; anything larger is not what we think it is.
const maxProcFileBytes = 64 * 1024;

// /proc/self/limits row titles (fs/proc/base.c lnames).
const limitRows: Record<string, RlimitName> = {
  'Max cpu time': 'cpu',
  'Max file size': 'fsize',
  'Max data size': 'data',
  'Max stack size': 'stack',
  'Max core file size': 'core',
  'Max resident set': 'rss',
  'Max processes': 'nproc',
  'Max open files': 'nofile',
  'Max locked memory': 'memlock',
  'Max address space': 'as',
  'Max file locks': 'locks',
  'Max pending signals': 'sigpending',
  'Max msgqueue size': 'msgqueue',
  'Max nice priority': 'nice',
  'Max realtime priority': 'rtprio',
  'Max realtime timeout': 'rttime',
};

export async function readHostFacts(): Promise<HostFacts> {
  const [status, limits, extraMaskedPaths] = await Promise.all([
    readProcFile('/proc/self/status'),
    readProcFile('/proc/self/limits'),
    thermalThrottlePaths(),
  ]);
  return {
    arch: arch(),
    kernelRelease: release(),
    capabilities: parseEffectiveCapabilities(status),
    rlimitHard: parseHardLimits(limits),
    extraMaskedPaths,
  };
}

async function readProcFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  if (text.length > maxProcFileBytes) throw new Internal(`${path} is unexpectedly large`);
  return text;
}

/** The CapEff line of a /proc/<pid>/status file, as names. */
export function parseEffectiveCapabilities(status: string): string[] {
  const line = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  if (!line) throw new Internal('no CapEff line in /proc/self/status');
  return capabilitiesFromMask(line[1]!);
}

/** The hard limits of a /proc/<pid>/limits file; "unlimited" is RLIM_INFINITY. */
export function parseHardLimits(limits: string): Partial<Record<RlimitName, number>> {
  const out: Partial<Record<RlimitName, number>> = {};
  for (const line of limits.split('\n')) {
    // Columns: name (padded to 26), soft (21), hard (21), units.
    const name = limitRows[line.slice(0, 26).trim()];
    if (!name) continue;
    const hard = line.slice(47, 68).trim();
    out[name] = hard === 'unlimited' ? RLIM_INFINITY : Number(hard);
  }
  return out;
}

/** moby's defaultLinuxMaskedPaths adds these for each possible CPU. */
async function thermalThrottlePaths(): Promise<string[]> {
  let possible: string;
  try {
    possible = await readProcFile('/sys/devices/system/cpu/possible');
  } catch {
    return [];
  }
  const paths = parseCpuList(possible).map((cpu) => `/sys/devices/system/cpu/cpu${cpu}/thermal_throttle`);
  const exists = await Promise.all(paths.map((p) => stat(p).then(() => true, () => false)));
  return paths.filter((_, i) => exists[i]);
}

/** A kernel CPU list such as "0-3,8,10-11". */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) continue;
    const from = Number(match[1]);
    const to = Math.min(Number(match[2] ?? from), from + 4096);
    for (let cpu = from; cpu <= to; cpu++) cpus.push(cpu);
  }
  return cpus;
}
