// Socket errors in Docker's words, and failures the daemon reports inside a
// JSON message stream.
import { Internal, PermissionDenied, Unavailable, type CaisError } from '../common/index.js';

/** An error message in a pull, push, load or build stream: docker prints it as it is, without "Error response from daemon". */
export class StreamedError extends Internal {}

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
