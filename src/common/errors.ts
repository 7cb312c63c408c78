// The one small set of error classes every layer throws. Callers test by
// class (`instanceof NotFound`), never by message; src/api/ maps each class
// to an HTTP status in one place.

export abstract class CaisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The thing named does not exist (HTTP 404). */
export class NotFound extends CaisError {}
/** Creating something whose name or key is taken (HTTP 409). */
export class AlreadyExists extends CaisError {}
/** The caller's input is malformed or out of range (HTTP 400). */
export class InvalidArgument extends CaisError {}
/** The request clashes with the current state, e.g. an image in use (HTTP 409). */
export class Conflict extends CaisError {}
/** The system is not in the state the operation needs (HTTP 400). */
export class FailedPrecondition extends CaisError {}
/** Missing or wrong credentials (HTTP 401). */
export class Unauthorized extends CaisError {}
/** Credentials are fine but do not allow this (HTTP 403). */
export class PermissionDenied extends CaisError {}
/** Not implemented by cais (HTTP 501). */
export class NotImplemented extends CaisError {}
/** A dependency is down or busy; retrying may help (HTTP 503). */
export class Unavailable extends CaisError {}
/** A bug or an unexpected failure (HTTP 500). */
export class Internal extends CaisError {}

/** The message of anything thrown, for logs and error bodies. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
