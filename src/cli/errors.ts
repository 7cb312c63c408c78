// Errors the CLI reports itself (docker's cli.StatusError): the message is
// printed to stderr as is and the process exits with `status`.
import { StreamedError } from '../client/index.js';
import { CaisError } from '../common/index.js';

export class StatusError extends Error {
  constructor(
    message: string,
    readonly status: number = 1,
  ) {
    super(message);
    this.name = 'StatusError';
  }
}

/** A Node file-system error worded as Go's os package words it ("open /x: no such file or directory"). */
export function goFileError(err: unknown, op: string, path: string): StatusError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    EEXIST: 'file exists',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
  };
  const reason = (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
  return new StatusError(`${op} ${path}: ${reason}`);
}

/**
 * How docker prints an error: answers from the daemon as "Error response
 * from daemon: ...", the CLI's own errors, errors inside a message stream
 * and failures to connect (which carry the socket error as their cause) as
 * they are.
 */
export function errorText(err: unknown): string {
  if (err instanceof StreamedError) return err.message;
  if (err instanceof CaisError) {
    const local = (err.cause as { code?: unknown } | undefined)?.code !== undefined;
    return local ? err.message : `Error response from daemon: ${err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
