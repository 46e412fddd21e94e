import type { PingTarget } from '../store/ping-batch.js';

/** The two RCPT TO refusals of spec §10, word for word (the 550 code is added by the listener). */
export type RecipientRejection = '5.1.1 Recipient rejected' | '5.1.1 Invalid mailbox';

export type ParsedRecipient = { target: PingTarget } | { reject: RecipientRejection };

// Version-4 shape only, as Healthchecks' RCPT handler checks; any case (mail clients vary).
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const KEY_AND_SLUG = /^([A-Za-z0-9_-]{22})\+([a-z0-9_-]+)$/;

/**
 * Maps an RCPT TO address to the check it pings (spec §10). The domain is compared exactly,
 * case included, like Healthchecks; an address with more than one `@` is another domain's.
 */
export function parseRecipient(address: string, pingEmailDomain: string): ParsedRecipient {
  const parts = address.split('@');
  if (parts.length !== 2 || parts[1] !== pingEmailDomain) return { reject: '5.1.1 Recipient rejected' };
  const local = parts[0]!;
  // Codes are stored lowercase; Healthchecks' UUID column matches any case.
  if (UUID_V4.test(local)) return { target: { code: local.toLowerCase() } };
  const keyAndSlug = KEY_AND_SLUG.exec(local);
  if (keyAndSlug) return { target: { pingKey: keyAndSlug[1]!, slug: keyAndSlug[2]! } };
  return { reject: '5.1.1 Invalid mailbox' };
}
