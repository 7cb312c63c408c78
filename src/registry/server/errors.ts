// The errors a registry answers with: the distribution spec's codes, each
// with its HTTP status, in the body {"errors":[{code, message, detail}]}.
// TAG_INVALID and PAGINATION_NUMBER_INVALID are distribution's own codes
// for what the spec leaves unnamed; UNKNOWN is distribution's 500.
export const errorStatus = {
  BLOB_UNKNOWN: 404,
  BLOB_UPLOAD_INVALID: 400,
  BLOB_UPLOAD_UNKNOWN: 404,
  DIGEST_INVALID: 400,
  MANIFEST_BLOB_UNKNOWN: 400,
  MANIFEST_INVALID: 400,
  MANIFEST_UNKNOWN: 404,
  NAME_INVALID: 400,
  NAME_UNKNOWN: 404,
  SIZE_INVALID: 400,
  UNAUTHORIZED: 401,
  DENIED: 403,
  UNSUPPORTED: 405,
  TOOMANYREQUESTS: 429,
  TAG_INVALID: 400,
  PAGINATION_NUMBER_INVALID: 400,
  UNKNOWN: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface RegistryErrorOptions {
  /** A status other than the code's own (413 for a body too large, 416 for a chunk out of order). */
  status?: number;
  detail?: unknown;
  headers?: Record<string, string>;
}

/** An error answered to the client as it is; anything else thrown becomes a 500 UNKNOWN. */
export class RegistryError extends Error {
  readonly status: number;
  readonly detail: unknown;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: RegistryErrorOptions = {},
  ) {
    super(message);
    this.name = 'RegistryError';
    this.status = options.status ?? errorStatus[code];
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }

  body(): { errors: { code: ErrorCode; message: string; detail?: unknown }[] } {
    const entry = { code: this.code, message: this.message, ...(this.detail === undefined ? {} : { detail: this.detail }) };
    return { errors: [entry] };
  }
}
