import { createHash } from 'node:crypto';

/**
 * The read-only identifier of a check (spec §1.10): SHA-1 of the first 16 hex digits of its
 * UUID, so a read-only key never sees the UUID that can ping it.
 */
export function uniqueKey(code: string): string {
  return createHash('sha1').update(code.replaceAll('-', '').toLowerCase().slice(0, 16)).digest('hex');
}
