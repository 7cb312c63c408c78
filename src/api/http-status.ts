// The one table from error class to HTTP status, as moby's
// daemon/server/httpstatus/status.go. Everything else is a 500.
import {
  AlreadyExists,
  CaisError,
  Conflict,
  FailedPrecondition,
  InvalidArgument,
  NotFound,
  NotImplemented,
  PermissionDenied,
  Unauthorized,
  Unavailable,
} from '../common/index.js';

const statuses: ReadonlyArray<readonly [abstract new (...args: never[]) => CaisError, number]> = [
  [NotFound, 404],
  [InvalidArgument, 400],
  [FailedPrecondition, 400],
  [Conflict, 409],
  [AlreadyExists, 409],
  [Unauthorized, 401],
  [PermissionDenied, 403],
  [NotImplemented, 501],
  [Unavailable, 503],
];

/**
 * The HTTP status for anything thrown. The outermost cais error decides;
 * a foreign error is looked through to its `cause`, as moby unwraps.
 */
export function statusFromError(err: unknown): number {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 16; e = e.cause, depth++) {
    if (e instanceof CaisError) {
      for (const [cls, status] of statuses) if (e instanceof cls) return status;
      return 500;
    }
  }
  return 500;
}
