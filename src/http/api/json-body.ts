import { isLosslessNumber, parse } from 'lossless-json';
import { AppError } from '../../lib/app-error.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A POST body as Healthchecks reads it (spec §4.3): whatever the Content-Type, empty → `{}`,
 * not UTF-8 JSON → `could not parse request body`, not an object → the validation error.
 * Numbers keep their literal text (lossless-json), so `3600.0` can be refused as not an integer
 * and an enormous integer reported as too large instead of silently rounded.
 */
export function parseJsonBody(body: unknown): Record<string, unknown> {
  if (!(body instanceof Uint8Array) || body.length === 0) return {};
  let value: unknown;
  try {
    value = parse(strictUtf8.decode(body));
  } catch {
    throw new AppError('bad_request', 'could not parse request body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isLosslessNumber(value)) {
    throw new AppError('bad_request', 'json validation error: value is not an object');
  }
  return value as Record<string, unknown>;
}

/** The key of a write request: the header if present at all (even empty), else `api_key`. */
export function writeApiKey(header: string | string[] | undefined, body: Record<string, unknown>): string {
  if (header !== undefined) return (Array.isArray(header) ? header[0] : header) ?? '';
  const key = body.api_key;
  if (key === undefined || key === null) return '';
  if (isLosslessNumber(key)) return key.toString();
  if (typeof key === 'string') return key;
  // Healthchecks stringifies with Python's str(): True/False, JSON-ish for the rest.
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  return JSON.stringify(key);
}
