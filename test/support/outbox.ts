import { deliverNotification, LEASE_MS } from '../../src/alerts/deliver-notification.js';
import type { AlertDeps, Senders } from '../../src/alerts/integration-io.js';
import { processFlips } from '../../src/alerts/process-flips.js';
import { claimDueNotification } from '../../src/store/notification-queue.js';

/**
 * One pass of the alert pipeline at the deps' clock, without the loop's timers: queue the
 * notifications of new flips, then deliver every due one. Returns how many were attempted.
 */
export async function runOutbox(deps: AlertDeps, senders: Senders): Promise<number> {
  await processFlips(deps);
  let attempted = 0;
  for (;;) {
    const claim = await claimDueNotification(deps.store, deps.clock.now(), LEASE_MS);
    if (!claim) return attempted;
    await deliverNotification(deps, senders, claim);
    attempted++;
  }
}

export async function notificationsOf(deps: AlertDeps, channelCode: string) {
  return deps.store.db
    .selectFrom('notifications')
    .innerJoin('channels', 'channels.id', 'notifications.channel_id')
    .select([
      'notifications.code',
      'notifications.status',
      'notifications.error',
      'notifications.attempts',
      'notifications.check_status',
      'notifications.next_attempt_at',
    ])
    .where('channels.code', '=', channelCode)
    .orderBy('notifications.id')
    .execute();
}

export async function channelRow(deps: AlertDeps, channelCode: string) {
  return deps.store.db.selectFrom('channels').selectAll().where('code', '=', channelCode).executeTakeFirstOrThrow();
}
