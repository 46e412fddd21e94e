import { createHash, createHmac } from 'node:crypto';
import type { BadgeStates } from './badge-status.js';

const SIGNATURE_LENGTH = 8;

/**
 * The 8-character signature of a tag badge URL (spec §6.1): Django's salted HMAC-SHA1 of the tag,
 * keyed by SHA1(badge_key + secret), in unpadded URL-safe base64. Compatible with Healthchecks,
 * so badge URLs issued by a Healthchecks install with the same SECRET_KEY keep working.
 */
export function badgeSignature(secretKey: string, badgeKey: string, tag: string): string {
  const key = createHash('sha1')
    .update(badgeKey + secretKey, 'utf8')
    .digest();
  return createHmac('sha1', key).update(tag, 'utf8').digest('base64url').slice(0, SIGNATURE_LENGTH);
}

/** Only the first 8 characters of a presented signature count; anything after is ignored. */
export function isValidBadgeSignature(secretKey: string, badgeKey: string, tag: string, presented: string): boolean {
  return presented.slice(0, SIGNATURE_LENGTH) === badgeSignature(secretKey, badgeKey, tag);
}

/** Exactly `<8 chars>-2` is a 2-state badge; any other valid signature is 3-state. */
export function statesOfSignature(presented: string): BadgeStates {
  return presented.length === SIGNATURE_LENGTH + 2 && presented.endsWith('-2') ? 2 : 3;
}

/** The signature segment to put in a URL for `states`. */
export function signatureForStates(signature: string, states: BadgeStates): string {
  return states === 2 ? `${signature}-2` : signature;
}
