import { deliverNotification, LEASE_MS } from '../alerts/deliver-notification.js';
import type { AlertDeps, Senders } from '../alerts/integration-io.js';
import { processFlips } from '../alerts/process-flips.js';
import { claimDueNotification, earliestDueNotification } from '../store/notification-queue.js';

/** Never asleep longer than this: flips and retries of other nodes are seen within a second. */
const MAX_SLEEP_MS = 1_000;
const RETRY_AFTER_ERROR_MS = 1_000;

export interface DeliveryLoop {
  /** Something was queued or flipped here: look now rather than at the next tick. */
  wake(): void;
  /** Finishes the deliveries in flight (their outcomes are recorded), then returns. */
  stop(): Promise<void>;
}

export interface DeliveryLoopOptions {
  /** Deliveries in flight at once in this process (Healthchecks' `--num-workers`). */
  concurrency?: number;
}

/**
 * Timing and concurrency of the alert pipeline: queue notifications for new flips, keep up to
 * `concurrency` deliveries running, sleep until the next one is due. What a flip means and how
 * a channel is notified live in alerts/ and integrations/.
 */
export function startDeliveryLoop(deps: AlertDeps, senders: Senders, options: DeliveryLoopOptions = {}): DeliveryLoop {
  const log = deps.log.child({ component: 'delivery' });
  const concurrency = options.concurrency ?? 8;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let woken = false;
  let sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(sleeping?.timer);
        sleeping = null;
        resolve();
      };
      sleeping = { wake, timer: setTimeout(wake, Math.max(0, ms)) };
    });

  /** Claims due notifications until the seats are full or nothing is due. */
  async function fillSeats(): Promise<void> {
    while (!stopped && inFlight.size < concurrency) {
      const claim = await claimDueNotification(deps.store, deps.clock.now(), LEASE_MS);
      if (!claim) return;
      const delivery: Promise<void> = deliverNotification(deps, senders, claim)
        .catch((error: unknown) => log.error({ err: error, notification: claim.code }, 'delivery failed to record'))
        .finally(() => {
          inFlight.delete(delivery);
          // a free seat: take the next due notification without waiting for the tick
          sleeping?.wake();
        });
      inFlight.add(delivery);
    }
  }

  async function cycle(): Promise<number> {
    try {
      await processFlips(deps);
      await fillSeats();
      if (inFlight.size >= concurrency) return MAX_SLEEP_MS;
      const next = await earliestDueNotification(deps.store.db);
      return Math.min((next ?? Infinity) - deps.clock.now(), MAX_SLEEP_MS);
    } catch (error) {
      log.error({ err: error }, 'alert pipeline cycle failed');
      return RETRY_AFTER_ERROR_MS;
    }
  }

  const done = (async () => {
    while (!stopped) {
      woken = false;
      const sleepMs = await cycle();
      if (stopped) break;
      if (!woken) await sleep(sleepMs);
    }
    await Promise.all(inFlight);
  })();

  return {
    wake() {
      woken = true;
      sleeping?.wake();
    },
    async stop() {
      stopped = true;
      sleeping?.wake();
      await done;
    },
  };
}
