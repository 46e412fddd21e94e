import type { Deps } from '../deps.js';
import { verifyBounceId } from '../domain/bounce-id.js';
import { CANONICAL_UUID } from '../lib/ids.js';
import { findNotificationByCode, recordDeliveryError } from '../store/notification-outcomes.js';
import { turnOffReportsAndNags } from '../store/profiles.js';
import { readBounce } from './bounce-dsn.js';

const BOUNCE_MAX_AGE_MS = 48 * 3_600_000;
const MAX_ERROR_CHARS = 200;

/** The answers of `bounces/` (spec Appendix C); all of them 200, so the sender never retries. */
export type BounceAnswer = 'OK' | 'OK (ignored)' | 'OK (bad signature)' | 'OK (notification not found)' | 'OK (user not found)';

/** Python's `text[:n]`: code points, not UTF-16 units. */
export function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join('') : text;
}

/** 5.x.x is permanent except 5.4.4 (a DNS hiccup some relays report as permanent); 4.x.x transient. */
export function classifyStatus(status: string): 'permanent' | 'transient' | null {
  if (status === '5.4.4' || status.startsWith('4.')) return 'transient';
  if (status.startsWith('5.')) return 'permanent';
  return null;
}

/**
 * A bounce of an alert, report or reminder email (spec §4.20 `bounces/`). The To address is the
 * signed bounce ID we sent the email with: `n.<notification uuid>` marks the notification and its
 * channel failed (disabled on a permanent failure), `r.<user id>` turns the user's reports and
 * reminders off on a permanent failure.
 */
export async function recordBounce(deps: Pick<Deps, 'store' | 'clock' | 'secretKey'>, raw: Buffer): Promise<BounceAnswer> {
  const bounce = await readBounce(raw);
  const now = deps.clock.now();
  const value = verifyBounceId(bounce.toLocal, now, deps.secretKey, BOUNCE_MAX_AGE_MS);
  if (value === null) return 'OK (bad signature)';
  const kind = classifyStatus(bounce.status);
  if (kind === null) return 'OK (ignored)';

  if (value.startsWith('n.')) {
    const code = value.slice(2);
    const notification = CANONICAL_UUID.test(code) ? await findNotificationByCode(deps.store.db, code) : undefined;
    if (!notification || notification.createdAt <= now - BOUNCE_MAX_AGE_MS) return 'OK (notification not found)';
    const error = bounce.diagnostic
      ? `Delivery failed (${bounce.diagnostic})`
      : `Delivery failed (SMTP status code: ${bounce.status})`;
    await recordDeliveryError(deps.store.db, notification, truncateChars(error, MAX_ERROR_CHARS), kind === 'permanent');
  }
  if (value.startsWith('r.') && kind === 'permanent') {
    const id = value.slice(2);
    const found = /^\d{1,15}$/.test(id) && (await turnOffReportsAndNags(deps.store.db, Number(id)));
    if (!found) return 'OK (user not found)';
  }
  return 'OK';
}
