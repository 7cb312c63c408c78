// Build errors located at the instruction that caused them, so the client
// sees which line failed: "Dockerfile:5: <what Docker says>". The class of
// the cause is kept (a missing COPY source stays an InvalidArgument, a RUN
// that failed a FailedPrecondition), so the API maps it as before.
import { CaisError, Internal, errorMessage } from '../common/index.js';
import { DockerfileParseError } from '../spec/dockerfile/index.js';

/** `err` with the Dockerfile's name and the instruction's line in front of its message. */
export function atLine(err: unknown, dockerfile: string, line: number): Error {
  if (err instanceof DockerfileParseError) return err;
  const message = `${dockerfile}:${line}: ${errorMessage(err)}`;
  if (err instanceof CaisError) {
    const Class = err.constructor as new (message: string, options?: { cause?: unknown }) => CaisError;
    return new Class(message, { cause: err });
  }
  return new Internal(message, { cause: err });
}
