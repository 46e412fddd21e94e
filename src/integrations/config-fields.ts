import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Shared pieces of the integrations' config schemas; every message names its field. */

export function requiredString(field: string, maxLength?: number) {
  const base = z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .min(1, `${field} is required`);
  return maxLength === undefined ? base : base.max(maxLength, `${field} must be at most ${maxLength} characters`);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A config object with no unknown keys; a non-object is named as such rather than in zod's words. */
export function configObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? 'config must be an object' : undefined),
  });
}

/** An http(s) URL of at most 1000 characters (spec §9.5 bounds every webhook-style URL so). */
export function httpUrl(field: string) {
  return requiredString(field, 1000).refine(isHttpUrl, `${field} is not a valid URL`);
}

/** A priority picked from `allowed`, `fallback` when absent. */
export function priority(field: string, allowed: readonly number[], fallback: number) {
  return z
    .number({ error: `${field} must be one of ${allowed.join(', ')}` })
    .refine((n) => allowed.includes(n), `${field} must be one of ${allowed.join(', ')}`)
    .default(fallback);
}

/** Parses a stored JSON value, throwing an error that names the kind when it cannot be read. */
export function parseStoredJson<T>(kind: string, value: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${kind}: stored value is not JSON`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new Error(`${kind}: ${result.error.issues[0]?.message ?? 'unreadable stored value'}`);
  return result.data;
}

/**
 * Token bucket key for a recipient (spec §1.9): salted with SECRET_KEY so the table never
 * holds a user key or a topic name in clear, as Healthchecks does (`sha1(value + SECRET_KEY)`).
 */
export function recipientBucketKey(prefix: string, value: string, secretKey: string): string {
  return `${prefix}-${createHash('sha1')
    .update(value + secretKey)
    .digest('hex')}`;
}

/** The error option of a config object: names a non-object input, keeps zod's text for unknown keys. */
export const notAnObject = (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'config must be an object' : undefined);

/**
 * The configuration members of a kind whose whole configuration is one webhook URL, stored as
 * is and secret (the URL carries the provider's token), sending on up and down alike.
 */
export const secretWebhookUrl = {
  secretFields: [''],
  configSchema: httpUrl('config'),
  fromStored: (value: string): string => value,
  toStored: (url: string): string => url,
  isNoop: (): boolean => false,
};
