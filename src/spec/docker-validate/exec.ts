// The bodies of POST /containers/{id}/exec and POST /exec/{id}/start, read
// as Go's json decoder reads them into moby's structs: unknown fields
// ignored, null as the zero value, Cmd as a string or a list (strslice).
import { z } from 'zod';
import { InvalidArgument } from '../../common/index.js';
import type { ExecCreateRequest, ExecStartRequest } from '../docker/index.js';
import { decodeError } from './go-json.js';

const str = z.string().nullish().transform((v) => v ?? '');
const bool = z.boolean().nullish().transform((v) => v ?? false);
const strings = z.array(z.string()).nullish().transform((v) => v ?? []);
const consoleSize = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .nullish()
  .transform((v): [number, number] | null => v ?? null);

const createBody = z.object({
  User: str,
  Privileged: bool,
  Tty: bool,
  ConsoleSize: consoleSize,
  AttachStdin: bool,
  AttachStderr: bool,
  AttachStdout: bool,
  DetachKeys: str,
  Env: strings,
  WorkingDir: str,
  Cmd: z
    .union([z.string().transform((s) => [s]), z.array(z.string())])
    .nullish()
    .transform((v) => v ?? []),
});

const startBody = z.object({ Detach: bool, Tty: bool, ConsoleSize: consoleSize });

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown, goType: string): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgument(`invalid JSON: json: cannot unmarshal into Go value of type ${goType}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw decodeError(parsed.error.issues[0]!);
  return parsed.data;
}

export function parseExecCreate(body: unknown): ExecCreateRequest {
  return parse(createBody, body, 'container.ExecOptions');
}

/** An empty body is a start with the defaults, as moby reads it. */
export function parseExecStart(body: unknown): ExecStartRequest {
  return parse(startBody, body ?? {}, 'container.ExecStartOptions');
}
