/**
 * The one error class. Adapters map `code` to their wire format in one place each
 * (http/error-mapper.ts for HTTP, cli.ts for exit codes).
 */
export type AppErrorCode =
  | 'bad_request' // 400: malformed input
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'payload_too_large' // the ping body cap (answered 400 on pings, per Healthchecks)
  | 'unavailable' // 503: the database cannot be reached
  | 'config'; // invalid configuration (CLI / start-up only)

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
