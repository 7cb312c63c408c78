// Platforms as containerd's `platforms` package spells them: the host's
// (the default for import and the one picked from multi-platform archives)
// and `os[/arch[/variant]]` strings from the API.
import { InvalidArgument } from '../common/index.js';
import type { Platform } from '../spec/index.js';

const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function hostPlatform(): Platform {
  const architecture = goArch[process.arch] ?? process.arch;
  return { os: 'linux', architecture, ...(architecture === 'arm64' ? { variant: 'v8' } : {}) };
}

/** CheckOS: only Linux images run here. */
export function checkOs(os: string): void {
  if (os !== 'linux') throw new InvalidArgument(`image operating system "${os}" cannot be used on this platform`);
}

/** `linux`, `linux/amd64`, `linux/arm64/v8`; the host's when empty. */
export function parsePlatform(value: string | undefined): Platform {
  if (value === undefined || value === '') return hostPlatform();
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) {
    throw new InvalidArgument(`"${value}": invalid platform specifier`);
  }
  const [os = '', arch, variant] = parts;
  checkOs(os);
  const host = hostPlatform();
  const architecture = arch === undefined ? host.architecture : arch === 'x86_64' || arch === 'x86-64' ? 'amd64' : arch === 'aarch64' ? 'arm64' : arch;
  const v = variant ?? (arch === undefined ? host.variant : architecture === 'arm64' ? 'v8' : undefined);
  return { os, architecture, ...(v !== undefined ? { variant: v } : {}) };
}

/** Whether an image of `p` runs here (os and architecture; arm64 variants are all v8). */
export function matchesHost(p: { os?: string; architecture?: string }): boolean {
  const host = hostPlatform();
  return p.os === host.os && p.architecture === host.architecture;
}

/** Whether an index entry's platform is the one wanted (a variant counts when both name one; arm64's is v8 when absent). */
export function matchesPlatform(p: Platform, wanted: Platform): boolean {
  if (p.os !== wanted.os || p.architecture !== wanted.architecture) return false;
  const variant = p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
  return wanted.variant === undefined || variant === undefined || variant === wanted.variant;
}

/** `linux/amd64`, `linux/arm/v7`: as Docker names a platform in its messages. */
export function platformString(p: Platform): string {
  return [p.os, p.architecture, ...(p.variant !== undefined ? [p.variant] : [])].join('/');
}
