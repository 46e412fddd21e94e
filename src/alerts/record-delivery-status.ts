import type { Deps } from '../deps.js';
import { findNotificationByCode, recordDeliveryError } from '../store/notification-outcomes.js';
import { truncateChars } from './record-bounce.js';

/** Provider callbacks come within minutes; older ones are ignored (spec §4.20). */
const CALLBACK_MAX_AGE_MS = 3_600_000;

/**
 * A delivery status callback for notification `code` (spec §4.20, Twilio's StatusCallback and our
 * own `error`/`mark_disabled` form): a failure becomes the notification's and the channel's
 * error. Unknown or old notifications and other statuses change nothing.
 */
export async function recordDeliveryStatus(
  deps: Pick<Deps, 'store' | 'clock'>,
  code: string,
  form: URLSearchParams,
): Promise<void> {
  const notification = await findNotificationByCode(deps.store.db, code);
  if (!notification || notification.createdAt <= deps.clock.now() - CALLBACK_MAX_AGE_MS) return;

  // Django's QueryDict.get: the last value of a repeated field.
  const field = (name: string) => form.getAll(name).at(-1) ?? null;
  let error: string | null = null;
  let markDisabled = false;
  const given = field('error');
  if (given) {
    error = truncateChars(given, 200);
    markDisabled = Boolean(field('mark_disabled'));
  }
  const messageStatus = field('MessageStatus');
  if (messageStatus === 'failed' || messageStatus === 'undelivered') error = `Delivery failed (status=${messageStatus}).`;
  if (field('CallStatus') === 'failed') error = 'Delivery failed (status=failed).';
  if (error !== null) await recordDeliveryError(deps.store.db, notification, error, markDisabled);
}
