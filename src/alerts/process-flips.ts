import type { StoredStatus } from '../domain/check.js';
import { findIntegration } from '../integrations/registry.js';
import { newUuid } from '../lib/ids.js';
import { claimCloudFlip, oldestUnprocessedCloudFlips } from '../store/cloud-flips.js';
import { refreshNagDatesOfCheck } from '../store/profiles.js';
import {
  claimFlip,
  enabledChannelsOfCheck,
  enabledChannelsOfProject,
  oldestUnprocessedFlips,
  type AssignedChannel,
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
function queueFor(channels: AssignedChannel[], status: 'up' | 'down'): QueuedNotification[] {
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

/** Heartbeat flips notify the check's assigned channels. */
async function processCheckFlips(deps: AlertDeps): Promise<number> {
  let claimed = 0;
  for (;;) {
    const flips = await oldestUnprocessedFlips(deps.store.db, BATCH);
    for (const flip of flips) {
      const status = flip.newStatus;
      const queue = notifies(flip.oldStatus, status)
        ? queueFor(await enabledChannelsOfCheck(deps.store.db, flip.checkId), status)
        : [];
      if (await claimFlip(deps.store, flip, deps.clock.now(), queue)) {
        claimed++;
        // spec §8.3: reminders start when something is down and stop when nothing is
        await refreshNagDatesOfCheck(deps.store.db, flip.checkId, deps.clock.now());
        deps.log.info({ checkId: flip.checkId, status, notifications: queue.length }, 'flip processed');
      }
    }
    if (flips.length < BATCH) return claimed;
  }
}

/** Cloud flips (a port check, a core instance's heartbeat) notify all of the project's channels. */
async function processCloudFlips(deps: AlertDeps): Promise<number> {
  let claimed = 0;
  for (;;) {
    const flips = await oldestUnprocessedCloudFlips(deps.store.db, BATCH);
    for (const flip of flips) {
      const status = flip.newStatus;
      const queue = notifies(flip.oldStatus, status)
        ? queueFor(await enabledChannelsOfProject(deps.store.db, flip.projectId), status)
        : [];
      if (await claimCloudFlip(deps.store, flip, deps.clock.now(), queue)) {
        claimed++;
        deps.log.info({ subject: flip.subject, status, notifications: queue.length }, 'cloud flip processed');
      }
    }
    if (flips.length < BATCH) return claimed;
  }
}

/**
 * Turns unprocessed flips into queued notifications (spec §8.3), any number of processes at
 * once: each flip is claimed together with its notifications, so it is queued exactly once.
 * Returns how many flips this call claimed.
 */
export async function processFlips(deps: AlertDeps): Promise<number> {
  return (await processCheckFlips(deps)) + (await processCloudFlips(deps));
}
