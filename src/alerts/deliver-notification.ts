import { failed, type DeliveryResult } from '../integrations/integration.js';
import { recordDelivery, renewLease, type ClaimedNotification } from '../store/notification-queue.js';
import { integrationIo, type AlertDeps, type Senders } from './integration-io.js';
import { buildNotificationContext } from './notification-context.js';
import { runIntegration } from './run-integration.js';

/** Transient failures are tried again this much later; after the last, the notification failed. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000] as const;

/** How long a claim lasts without renewal: a sender dead longer than this loses its work. */
export const LEASE_MS = 10_000;

/**
 * Delivers one claimed notification and records the outcome (spec §9.1). The lease is renewed
 * while the transport works (it may take its three 30-second attempts), so only a dead sender's
 * claim ever expires.
 */
export async function deliverNotification(deps: AlertDeps, senders: Senders, claim: ClaimedNotification): Promise<void> {
  const { clock, log } = deps;
  const startedAt = clock.now();
  // One renewal at a time, and the last one settled before the outcome is recorded: the record
  // compares the lease it knows, which a renewal still in flight would have moved.
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = renewing
      .then(() => renewLease(deps.store.db, claim, clock.now() + LEASE_MS))
      .catch((error: unknown) => log.warn({ err: error, notification: claim.code }, 'lease renewal failed'));
  }, LEASE_MS / 3);
  let result: DeliveryResult | 'no-op';
  let final = false;
  try {
    const ctx = await buildNotificationContext(deps, claim, startedAt);
    if (!ctx) {
      result = failed('Channel or check does not exist any more');
      final = true;
    } else {
      result = await runIntegration(deps, claim.channel, ctx, integrationIo(deps, senders, claim.channel, ctx));
    }
  } finally {
    clearInterval(renewal);
    await renewing;
  }
  // The channel's configuration changed since the flip so that it now sends nothing.
  if (result === 'no-op') result = { ok: true };
  const now = clock.now();
  const retryDelay = RETRY_DELAYS_MS[claim.attempts - 1];
  const retryAt = !result.ok && !result.permanent && !final && retryDelay !== undefined ? now + retryDelay : null;
  const recorded = await recordDelivery(deps.store, claim, {
    error: result.ok ? '' : result.error,
    startedAt,
    durationMs: now - startedAt,
    disableChannel: !result.ok && result.permanent,
    retryAt,
  });
  const fields = { notification: claim.code, channel: claim.channel.code, kind: claim.channel.kind, ms: now - startedAt };
  if (!recorded) log.warn(fields, 'delivery outcome dropped: the claim had expired');
  else if (result.ok) log.info(fields, 'notification delivered');
  else log.warn({ ...fields, error: result.error, retryAt }, 'notification failed');
}
