/**
 * The one error type of Sésame. Domain code throws `AppError` with a code; the HTTP edge maps
 * the code to a status and a translated message. `logMessage` is for operators only and is
 * never shown to users.
 */
export const errorCodes = {
  /** Input failed validation; `fields` says which and why. */
  validation_failed: 400,
  /** A one-time code or link is wrong, spent or expired. */
  invalid_code: 400,
  /** The form's anti-forgery token is missing or stale (often: the page was open too long). */
  csrf_invalid: 403,
  /** No session, or it expired. */
  unauthenticated: 401,
  /** The record does not exist *or* the caller may not see it: both answer "not found". */
  not_found: 404,
  /** The action is not allowed in the record's current state. */
  conflict: 409,
  /** Too many attempts; `retryAt` says when to try again. */
  rate_limited: 429,
  /** The account is temporarily locked after repeated failures; `retryAt` says until when. */
  account_locked: 429,
  payload_too_large: 413,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      logMessage?: string;
      /** Field name → message key, for form errors. */
      fields?: Record<string, string>;
      retryAt?: Date;
      cause?: unknown;
    } = {},
  ) {
    super(options.logMessage ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorCodes[code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
