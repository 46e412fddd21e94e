import { PRIVATE_REFUSED } from './address-guard.js';

/** A problem with the request itself: it would fail the same way on every attempt. */
export class RequestError extends Error {}

/** Ends an attempt that outlived its `timeoutMs`, however far it got (connect, headers, body). */
export class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

export class TooManyRedirectsError extends Error {
  readonly code = 'ETOOMANYREDIRECTS';
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$)/;
// undici rejects a header it can't send (CR/LF, a bad name, `Transfer-Encoding`) before dialling.
const INVALID_ARGUMENT_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** Every `code` on the error, its causes, and the attempts of an AggregateError (happy eyeballs). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...errorCodes(cause, depth + 1), ...nested];
}

/**
 * spec §9.2's wording for a failed attempt, and whether another attempt could fare better. The
 * texts are curl's (Healthchecks sends with pycurl), `HTTP request failed, code: <N>` included.
 */
export function transportError(error: unknown): { text: string; retry: boolean } {
  if (error instanceof RequestError) return { text: error.message, retry: false };
  const codes = errorCodes(error);
  const has = (test: (code: string) => boolean) => codes.some(test);
  // A refused address stays refused: no second attempt, and nothing reached the target.
  if (has((c) => c === 'EPRIVATE')) return { text: PRIVATE_REFUSED, retry: false };
  if (has((c) => INVALID_ARGUMENT_CODES.has(c))) return { text: 'Invalid HTTP header', retry: false };
  if (has((c) => c === 'ETOOMANYREDIRECTS')) return { text: 'Too many redirects', retry: true };
  if (has((c) => TIMEOUT_CODES.has(c))) return { text: 'Connection timed out', retry: true };
  if (has((c) => DNS_CODES.has(c))) return { text: 'Could not resolve host', retry: true };
  if (has((c) => TLS_CODE.test(c))) return { text: 'TLS handshake failed', retry: true };
  return { text: 'Connection failed', retry: true };
}
