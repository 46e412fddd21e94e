import { createHmac } from 'node:crypto';
import type { Deps } from '../deps.js';
import { tryConsumeToken } from '../store/token-buckets.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type LimitDeps = Pick<Deps, 'store' | 'clock' | 'secretKey'>;

/** Bucket keys never hold an address in clear (spec §1.9: a salted hash). */
function tokenize(deps: LimitDeps, value: string): string {
  return createHmac('sha256', deps.secretKey).update(value).digest('hex').slice(0, 40);
}

/**
 * One mailbox however it is spelled: lowercase, dots and a `+suffix` dropped from the local
 * part, so `J.Doe+x@example.org` and `jdoe@example.org` share the login-email bucket.
 */
export function canonicalMailbox(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at).split('+')[0]!.replaceAll('.', '');
  return `${local}${lower.slice(at)}`;
}

/** Signups and logins from one address: 20 an hour. */
export function allowAuthIp(deps: LimitDeps, ip: string | null): Promise<boolean> {
  return tryConsumeToken(deps.store, `auth-ip-${ip ?? 'unknown'}`, 20, HOUR_MS, deps.clock.now());
}

/** Password attempts against one account: 20 a day. */
export function allowPasswordAttempt(deps: LimitDeps, email: string): Promise<boolean> {
  return tryConsumeToken(deps.store, `pw-${tokenize(deps, email.trim().toLowerCase())}`, 20, DAY_MS, deps.clock.now());
}

/** Login links (and other account emails) sent to one mailbox: 10 an hour. */
export function allowAccountEmail(deps: LimitDeps, email: string): Promise<boolean> {
  return tryConsumeToken(deps.store, `em-${tokenize(deps, canonicalMailbox(email))}`, 10, HOUR_MS, deps.clock.now());
}
