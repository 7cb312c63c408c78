// A registry's error answers as cais's error classes, worded as Docker
// prints them: `<code lower-cased>: <message>` from the spec's body
// `{"errors":[{"code":"...","message":"..."}]}`, else the HTTP status.
import type { IncomingMessage } from 'node:http';
import {
  InvalidArgument,
  NotFound,
  PermissionDenied,
  Unauthorized,
  Unavailable,
  type CaisError,
} from '../../common/index.js';
import { readBody } from './http.js';

const maxErrorBody = 64 * 1024;

type ErrorClass = new (message: string, options?: { cause?: unknown }) => CaisError;

function classFor(status: number, code: string): ErrorClass {
  if (code === 'UNAUTHORIZED' || status === 401) return Unauthorized;
  if (code === 'DENIED' || status === 403) return PermissionDenied;
  if (code.endsWith('_UNKNOWN') || status === 404) return NotFound;
  if (code === 'TOOMANYREQUESTS' || status === 429 || status >= 500) return Unavailable;
  return InvalidArgument;
}

/** The error for a response that is not a success (its body read, size-limited). */
export async function registryError(res: IncomingMessage, what: string): Promise<CaisError> {
  const status = res.statusCode ?? 0;
  let text = '';
  try {
    text = (await readBody(res, maxErrorBody)).toString('utf8');
  } catch {
    // an unreadable body says no more than the status
  }
  let code = '';
  let message = '';
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (typeof first?.code === 'string') code = first.code;
    if (typeof first?.message === 'string') message = first.message;
  } catch {
    // not the spec's JSON
  }
  const Class = classFor(status, code);
  if (code !== '') return new Class(`${code.toLowerCase()}: ${message || code.toLowerCase().replace(/_/g, ' ')}`);
  return new Class(`${what}: unexpected status from registry: ${status} ${res.statusMessage ?? ''}`.trim());
}
