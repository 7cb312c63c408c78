// Docker's seccomp profile format (moby/profiles seccomp/seccomp.go): the OCI
// `linux.seccomp` shape plus `archMap` and per-rule `includes`/`excludes`
// conditions on capabilities, architectures and kernel versions. Custom
// profiles (`--security-opt seccomp=<json>`) arrive as text and are parsed here.
import { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';
import { seccompActions, seccompArches, seccompFlags, seccompOperators } from './oci-seccomp.js';

// Values beyond 2^53 would lose precision in a JS number: refuse rather than
// silently filter on a different value.
const uint = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const uint32 = z.number().int().nonnegative().max(0xffffffff);
const arch = z.enum(seccompArches);

/** "<kernel>.<major>", as moby's KernelVersion.UnmarshalJSON accepts it ("" means none). */
const minKernel = z
  .string()
  .refine((v) => v === '' || /^\d{1,3}\.\d{1,3}$/.test(v), { message: 'invalid kernel version, expected "<kernel>.<major>"' })
  .refine((v) => v !== '0.0', { message: 'invalid kernel version: version cannot be 0.0' });

const filter = z.object({
  caps: z.array(z.string()).nullish(),
  arches: z.array(z.string()).nullish(),
  minKernel: minKernel.nullish(),
});

const syscall = z.object({
  names: z.array(z.string()).nullish(),
  /** Deprecated single-name form, still accepted by Docker. */
  name: z.string().optional(),
  action: z.enum(seccompActions),
  errnoRet: uint32.nullish(),
  args: z
    .array(z.object({ index: uint32, value: uint, valueTwo: uint.optional(), op: z.enum(seccompOperators) }))
    .nullish(),
  comment: z.string().optional(),
  includes: filter.nullish(),
  excludes: filter.nullish(),
});

export const dockerSeccompProfileSchema = z.object({
  defaultAction: z.union([z.enum(seccompActions), z.literal('')]).optional(),
  defaultErrnoRet: uint32.nullish(),
  architectures: z.array(arch).nullish(),
  archMap: z.array(z.object({ architecture: arch, subArchitectures: z.array(arch).nullable() })).nullish(),
  flags: z.array(z.enum(seccompFlags)).nullish(),
  listenerPath: z.string().optional(),
  listenerMetadata: z.string().optional(),
  syscalls: z.array(syscall).nullish(),
});

export type DockerSeccompProfile = z.infer<typeof dockerSeccompProfileSchema>;

/** Largest custom profile accepted; Docker's own default is 13 KiB. */
export const maxProfileBytes = 1 << 20;

/** Parses a profile given as JSON text, with moby's wording for undecodable input. */
export function parseSeccompProfile(text: string): DockerSeccompProfile {
  if (Buffer.byteLength(text) > maxProfileBytes) {
    throw new InvalidArgument(`Decoding seccomp profile failed: profile larger than ${maxProfileBytes} bytes`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InvalidArgument(`Decoding seccomp profile failed: ${(err as Error).message}`, { cause: err });
  }
  const parsed = dockerSeccompProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgument(`Decoding seccomp profile failed: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
