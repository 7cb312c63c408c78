// A registry's (or token server's) error answer as cais's error classes,
// worded as the docker CLI prints them (distribution's
// registry/client/errors.go): `<code lower-cased, _ as space>: <message>`
// from the spec's body `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}`,
// a token server's `{"details":"incorrect username or password"}`, a Bearer
// challenge's error="insufficient_scope" (denied) or "invalid_token"
// (unauthorized), else the HTTP status.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { InvalidArgument, NotFound, PermissionDenied, Unauthorized, Unavailable, type CaisError } from '../../common/index.js';
import { parseChallenges, type Challenge } from './challenge.js';
import { readBody } from './http.js';

const maxErrorBodyBytes = 64 * 1024;

const errorsBodySchema = z.object({
  errors: z.array(z.object({ code: z.string().min(1), message: z.string().optional() })).min(1),
});
const detailsBodySchema = z.object({ details: z.string().min(1) });

export type ErrorClass = new (message: string, options?: { cause?: unknown }) => CaisError;

// distribution's errcode default messages, for codes sent without one.
const defaultMessages: Record<string, string> = {
  UNAUTHORIZED: 'authentication required',
  DENIED: 'requested access to the resource is denied',
  TOOMANYREQUESTS: 'too many requests',
  UNKNOWN: 'unknown error',
};

interface CodedError {
  code: string;
  message: string;
}

/** The class for an answer's coded error, or (without one) for its status. */
export function errorClassOf(status: number, code?: string): ErrorClass {
  if (code === 'UNAUTHORIZED') return Unauthorized;
  if (code === 'DENIED') return PermissionDenied;
  if (code === 'TOOMANYREQUESTS') return Unavailable;
  if (code?.endsWith('_UNKNOWN')) return NotFound;
  if (code?.endsWith('_INVALID') || code === 'UNSUPPORTED') return InvalidArgument;
  if (status === 401) return Unauthorized;
  if (status === 403) return PermissionDenied;
  if (status === 404) return NotFound;
  if (status === 429 || status >= 500) return Unavailable;
  return InvalidArgument;
}

function describe(e: CodedError): string {
  return `${e.code.toLowerCase().replace(/_/g, ' ')}: ${e.message || defaultMessages[e.code] || e.code.toLowerCase()}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The coded errors an answer carries: a Bearer challenge's error first, then the body's. */
function codedErrors(status: number, body: Buffer, challenges: readonly Challenge[]): CodedError[] {
  const out: CodedError[] = [];
  const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.error !== undefined);
  const oauthCodes: Record<string, string> = { invalid_token: 'UNAUTHORIZED', insufficient_scope: 'DENIED' };
  const fromChallenge = bearer !== undefined ? oauthCodes[bearer.params.error!] : undefined;
  if (fromChallenge !== undefined) out.push({ code: fromChallenge, message: bearer?.params.error_description ?? '' });
  const json = parseJson(body);
  const details = detailsBodySchema.safeParse(json);
  if (details.success) {
    const code = status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'TOOMANYREQUESTS' : 'UNKNOWN';
    out.push({ code, message: details.data.details });
    return out;
  }
  const errors = errorsBodySchema.safeParse(json);
  if (errors.success) out.push(...errors.data.errors.map((e) => ({ code: e.code, message: e.message ?? '' })));
  return out;
}

/**
 * The error for an answer that is not a success. `what` names the request
 * (`manifest latest`), for answers that carry no coded error.
 */
export function registryError(status: number, statusText: string, body: Buffer, challenges: readonly Challenge[], what: string): CaisError {
  const errors = codedErrors(status, body, challenges);
  const first = errors[0];
  if (first !== undefined) {
    const Class = errorClassOf(status, first.code === 'UNKNOWN' ? undefined : first.code);
    return new Class(errors.map(describe).join('; '));
  }
  const Class = errorClassOf(status);
  const byStatus: Record<number, CodedError> = {
    401: { code: 'UNAUTHORIZED', message: '' },
    403: { code: 'DENIED', message: '' },
    429: { code: 'TOOMANYREQUESTS', message: '' },
  };
  const known = byStatus[status];
  if (known !== undefined) return new Class(describe(known));
  return new Class(`${what}: received unexpected HTTP status: ${status} ${statusText}`.trimEnd());
}

/** registryError for a response, its body read within a limit (an unreadable body says no more than the status). */
export async function responseError(res: IncomingMessage, what: string): Promise<CaisError> {
  let body: Buffer = Buffer.alloc(0);
  try {
    body = await readBody(res, maxErrorBodyBytes, what);
  } catch {
    // the status alone, then
  }
  return registryError(res.statusCode ?? 0, res.statusMessage ?? '', body, parseChallenges(res.headers['www-authenticate']), what);
}
