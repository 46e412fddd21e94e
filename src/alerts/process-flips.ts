import type { StoredStatus } from '../domain/check.js';
import { findIntegration } from '../integrations/registry.js';
import { newUuid } from '../lib/ids.js';
import { refreshNagDatesOfCheck } from '../store/profiles.js';
import {
  claimFlip,
  enabledChannelsOfCheck,
  oldestUnprocessedFlips,
  type PendingFlip,
  type QueuedNotification,
} from '../store/flip-queue.js';
import type { AlertDeps } from './integration-io.js';

const BATCH = 100;

/** Spec §7: `new→up` and `paused→up` are silent; only transitions to up or down notify. */
export function notifies(oldStatus: StoredStatus, newStatus: StoredStatus): newStatus is 'up' | 'down' {
  if (newStatus === 'down') return true;
  return newStatus === 'up' && oldStatus !== 'new' && oldStatus !== 'paused';
}

/** Which channels get a notification: enabled ones whose transport sends something (spec §8.3). */
async function notificationsFor(deps: AlertDeps, flip: PendingFlip): Promise<QueuedNotification[]> {
  const status = flip.newStatus;
  if (!notifies(flip.oldStatus, status)) return [];
  const channels = await enabledChannelsOfCheck(deps.store.db, flip.checkId);
  return channels
    .filter((channel) => {
      const integration = findIntegration(channel.kind);
      if (!integration) return true; // delivery records the problem where the user sees it
      try {
        return !integration.isNoop(integration.fromStored(channel.value), status);
      } catch {
        return true;
      }
    })
    .map((channel) => ({ code: newUuid(), channelId: channel.id, checkStatus: status }));
}

/**
 * Turns unprocessed flips into queued notifications (spec §8.3), any number of processes at
 * once: each flip is claimed together with its notifications, so it is queued exactly once.
 * Returns how many flips this call claimed.
 */
export async function processFlips(deps: AlertDeps): Promise<number> {
  let claimed = 0;
  for (;;) {
    const flips = await oldestUnprocessedFlips(deps.store.db, BATCH);
    for (const flip of flips) {
      const queue = await notificationsFor(deps, flip);
      if (await claimFlip(deps.store, flip, deps.clock.now(), queue)) {
        claimed++;
        // spec §8.3: reminders start when something is down and stop when nothing is
        await refreshNagDatesOfCheck(deps.store.db, flip.checkId, deps.clock.now());
        deps.log.info({ checkId: flip.checkId, status: flip.newStatus, notifications: queue.length }, 'flip processed');
      }
    }
    if (flips.length < BATCH) return claimed;
  }
}
