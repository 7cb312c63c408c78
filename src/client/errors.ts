// Daemon answers back into the error classes: the inverse of the server's
// status table (src/api/http-status.ts). 400 and 409 each stand for two
// classes; the more common one is chosen (InvalidArgument, Conflict).
import {
  Conflict,
  Internal,
  InvalidArgument,
  NotFound,
  NotImplemented,
  PermissionDenied,
  Unauthorized,
  Unavailable,
  type CaisError,
} from '../common/index.js';

const classes: Readonly<Record<number, new (message: string) => CaisError>> = {
  400: InvalidArgument,
  401: Unauthorized,
  403: PermissionDenied,
  404: NotFound,
  409: Conflict,
  501: NotImplemented,
  503: Unavailable,
};

export function errorFromStatus(status: number, message: string): CaisError {
  const cls = classes[status] ?? Internal;
  return new cls(message);
}

/** Node's error for a socket that could not be opened, in Docker's words. */
export function connectError(err: NodeJS.ErrnoException, host: string): CaisError {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return new PermissionDenied(`permission denied while trying to connect to the cais daemon socket at ${host}`, { cause: err });
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
    case 'ETIMEDOUT':
      return new Unavailable(`Cannot connect to the cais daemon at ${host}. Is the cais daemon running?`, { cause: err });
    default:
      return new Unavailable(`error during connect: ${err.message}`, { cause: err });
  }
}
