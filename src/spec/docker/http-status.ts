// The one table between error classes and Docker's HTTP statuses, as moby's
// daemon/server/httpstatus/status.go. The server reads it one way (class to
// status), the client the other (status to class: the first class listed
// for a status wins, so 400 reads back as InvalidArgument, 409 as Conflict).
import {
  AlreadyExists,
  CaisError,
  Conflict,
  FailedPrecondition,
  Internal,
  InvalidArgument,
  NotFound,
  NotImplemented,
  PermissionDenied,
  Unauthorized,
  Unavailable,
} from '../../common/index.js';

type ErrorClass = new (message: string, options?: { cause?: unknown }) => CaisError;

const statuses: ReadonlyArray<readonly [ErrorClass, number]> = [
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

/** The error class a status stands for, carrying the daemon's message. */
export function errorFromStatus(status: number, message: string): CaisError {
  const cls = statuses.find(([, s]) => s === status)?.[0] ?? Internal;
  return new cls(message);
}
