import { sendDueNags } from '../alerts/send-nags.js';
import { sendDueReports, type ReportDeps } from '../alerts/send-reports.js';
import type { Mailer } from '../outbound/mailer.js';

export interface ReportsLoopOptions {
  /** Between passes: 60 s, as Healthchecks' `sendreports --loop`. */
  intervalMs?: number;
  /** After each email: 3 s, to stay within the relay's sending quota. */
  pauseAfterEmailMs?: number;
  random?: () => number;
}

export interface ReportsLoop {
  /** Stops: interrupts the sleep or pause, lets the email in hand finish, waits for the pass. */
  stop(): Promise<void>;
}

/**
 * Sends due reports, then due reminders, now and every minute after. Timing only: what is due
 * is read from the database against deps.clock, so several processes can run this loop.
 */
export function startReportsLoop(deps: ReportDeps, mailer: Mailer, options: ReportsLoopOptions = {}): ReportsLoop {
  const log = deps.log.child({ component: 'reports' });
  const intervalMs = options.intervalMs ?? 60_000;
  const pauseMs = options.pauseAfterEmailMs ?? 3_000;
  const stopping = new AbortController();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done);
    });

  const sendOptions = {
    signal: stopping.signal,
    afterEmail: () => (pauseMs > 0 ? sleep(pauseMs) : Promise.resolve()),
    ...(options.random ? { random: options.random } : {}),
  };

  async function pass(): Promise<void> {
    try {
      await sendDueReports(deps, mailer, sendOptions);
      if (!stopping.signal.aborted) await sendDueNags(deps, mailer, sendOptions);
    } catch (error) {
      log.error({ err: error }, 'sending reports failed');
    }
  }

  const done = (async () => {
    while (!stopping.signal.aborted) {
      await pass();
      await sleep(intervalMs);
    }
  })();

  return {
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
