import { z } from 'zod';
import type { DeliveryResult } from './integration.js';
import { delivered, failed } from './integration.js';
import type { OutboundResult } from '../outbound/outbound-http.js';

/** Config pieces shared by the chat kinds; every message names its field. */

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function requiredText(field: string, maxLength = 1000) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .min(1, `${field} is required`)
    .max(maxLength, `${field} must be at most ${maxLength} characters`);
}

/** An http(s) URL of at most 1000 characters, the bound Healthchecks puts on webhook URLs. */
export function webhookUrl(field: string) {
  return requiredText(field).refine(isHttpUrl, `${field} is not a valid URL`);
}

/** The error option of a config object: names a non-object input, keeps zod's text for unknown keys. */
export const notAnObject = (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'config must be an object' : undefined);

/** Parses a stored JSON value, throwing an error that names the kind when it cannot be read. */
export function readStoredJson<T>(kind: string, value: string, schema: z.ZodType<T>): T {
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

export function toDelivery(result: OutboundResult): DeliveryResult {
  return result.ok ? delivered : failed(result.error, result.permanent);
}
