import { randomBytes, randomUUID } from 'node:crypto';

export function newUuid(): string {
  return randomUUID();
}

/** Canonical lowercase hyphenated UUID, as the ping routes require (uppercase does not match). */
export const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Case-insensitive UUID string, as `?rid=` accepts. */
export function isUuidString(value: string): boolean {
  return value.length === 36 && CANONICAL_UUID.test(value.toLowerCase());
}

/**
 * URL-safe random token of `length` characters drawn from [A-Za-z0-9] (no `-` or `_`),
 * the alphabet Healthchecks keeps after regenerating tokens that contain them.
 */
export function alphanumericToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting the top bytes keeps the distribution uniform.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}
