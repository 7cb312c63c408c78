import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InvalidArgument } from '../../common/index.js';
import { specsDir } from '../../../test/support/schemas.js';
import { defaultSeccompProfile } from './default-profile.js';
import { toOciSeccomp, type SeccompTarget } from './convert.js';
import type { LinuxSeccomp } from './oci-seccomp.js';
import { parseSeccompProfile } from './profile.js';

const dockerDefaults = [
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
const x64: SeccompTarget = { capabilities: dockerDefaults, arch: 'x64', kernel: { kernel: 6, major: 18 } };

/** The rules that mention a syscall, in profile order. */
function rulesFor(seccomp: LinuxSeccomp, name: string) {
  return (seccomp.syscalls ?? []).filter((s) => s.names.includes(name));
}
function allowedUnconditionally(seccomp: LinuxSeccomp, name: string): boolean {
  return rulesFor(seccomp, name).some((r) => r.action === 'SCMP_ACT_ALLOW' && !r.args);
}

describe('default seccomp profile', () => {
  it('is the upstream profile, unchanged', () => {
    const upstream: unknown = JSON.parse(readFileSync(join(specsDir, 'security/seccomp/default.json'), 'utf8'));
    assert.deepEqual(defaultSeccompProfile, upstream);
    // And it parses with the schema custom profiles go through.
    assert.deepEqual(parseSeccompProfile(JSON.stringify(upstream)), upstream);
  });

  it('resolves for x86_64 with the native and compat architectures', () => {
    const out = toOciSeccomp(defaultSeccompProfile, x64)!;
    assert.equal(out.defaultAction, 'SCMP_ACT_ERRNO');
    assert.equal(out.defaultErrnoRet, 1);
    assert.deepEqual(out.architectures, ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    assert.ok(allowedUnconditionally(out, 'arch_prctl'));
    assert.ok(allowedUnconditionally(out, 'modify_ldt'));
    assert.equal(rulesFor(out, 'riscv_flush_icache').length, 0);
    assert.equal(rulesFor(out, 's390_runtime_instr').length, 0);
    // Conditions are gone from the output.
    for (const rule of out.syscalls ?? []) assert.deepEqual(Object.keys(rule).sort().filter((k) => !['names', 'action', 'errnoRet', 'args'].includes(k)), []);
  });

  it('denies unshare and namespace-creating clone without CAP_SYS_ADMIN', () => {
    const out = toOciSeccomp(defaultSeccompProfile, x64)!;
    assert.ok(!allowedUnconditionally(out, 'unshare'));
    assert.ok(!allowedUnconditionally(out, 'mount'));
    assert.ok(!allowedUnconditionally(out, 'setns'));
    // clone is allowed only when none of the namespace flags (CLONE_NEWUSER and friends) is set.
    const clone = rulesFor(out, 'clone');
    assert.equal(clone.length, 1);
    assert.deepEqual(clone[0]!.args, [{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }]);
    assert.ok(2114060288 & 0x10000000, 'the mask covers CLONE_NEWUSER');
    // clone3 cannot be filtered by flags: it fails with ENOSYS so libc falls back to clone.
    assert.deepEqual(rulesFor(out, 'clone3'), [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }]);
  });

  it('allows them with CAP_SYS_ADMIN', () => {
    const out = toOciSeccomp(defaultSeccompProfile, { ...x64, capabilities: [...dockerDefaults, 'CAP_SYS_ADMIN'] })!;
    for (const name of ['unshare', 'clone', 'clone3', 'mount', 'setns']) assert.ok(allowedUnconditionally(out, name), name);
    assert.ok(!rulesFor(out, 'clone3').some((r) => r.action === 'SCMP_ACT_ERRNO'));
  });

  it('applies minimum kernel versions', () => {
    const newer = toOciSeccomp(defaultSeccompProfile, x64)!;
    const older = toOciSeccomp(defaultSeccompProfile, { ...x64, kernel: { kernel: 4, major: 4 } })!;
    assert.ok(allowedUnconditionally(newer, 'ptrace'));
    assert.ok(!allowedUnconditionally(older, 'ptrace'));
  });

  it('uses the aarch64 entry of the archMap on arm64', () => {
    const out = toOciSeccomp(defaultSeccompProfile, { ...x64, arch: 'arm64' })!;
    assert.deepEqual(out.architectures, ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
    assert.equal(rulesFor(out, 'arch_prctl').length, 0);
    assert.ok(allowedUnconditionally(out, 'arm_fadvise64_64'));
  });
});

describe('custom seccomp profiles', () => {
  it('converts the deprecated name form and keeps args and errnoRet', () => {
    const out = toOciSeccomp(
      parseSeccompProfile(
        JSON.stringify({
          defaultAction: 'SCMP_ACT_ALLOW',
          architectures: ['SCMP_ARCH_X86_64'],
          syscalls: [
            { name: 'chmod', action: 'SCMP_ACT_ERRNO', errnoRet: 13 },
            { names: ['personality'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
            { names: ['reboot'], action: 'SCMP_ACT_ALLOW', excludes: { caps: ['CAP_CHOWN'] } },
          ],
        }),
      ),
      x64,
    );
    assert.deepEqual(out, {
      defaultAction: 'SCMP_ACT_ALLOW',
      architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [
        { names: ['chmod'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 },
        { names: ['personality'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
      ],
    });
  });

  it('disables seccomp for an empty profile', () => {
    assert.equal(toOciSeccomp(parseSeccompProfile('{}'), x64), undefined);
  });

  it('refuses what Docker refuses', () => {
    const bad = [
      'not json',
      '{"defaultAction": "SCMP_ACT_NOPE"}',
      '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}]}',
      '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4"}}]}',
    ];
    for (const text of bad) assert.throws(() => parseSeccompProfile(text), InvalidArgument, text);
    const conflicting = [
      { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86'], archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: null }] },
      { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ name: 'a', names: ['b'], action: 'SCMP_ACT_ALLOW' }] },
      { syscalls: [{ names: ['a'], action: 'SCMP_ACT_ALLOW' }] },
    ];
    for (const p of conflicting) {
      assert.throws(() => toOciSeccomp(parseSeccompProfile(JSON.stringify(p)), x64), InvalidArgument, JSON.stringify(p));
    }
    assert.throws(() => parseSeccompProfile(' '.repeat((1 << 20) + 1)), InvalidArgument);
  });
});
