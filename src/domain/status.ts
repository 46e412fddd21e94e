import type { CheckTiming, ComputedStatus } from './check.js';
import { nextOccurrence } from './schedule/index.js';

/**
 * When the next ping is due (spec §2.2), as a UTC instant, or null for "never".
 * Grace is always added to UTC instants, never to wall-clock times, so DST cannot stretch it.
 */
export function graceStart(check: CheckTiming, withStarted: boolean): number | null {
  let result: number | null = null;
  if (check.status === 'up' && check.lastPingAt !== null) {
    result =
      check.kind === 'simple'
        ? check.lastPingAt + check.timeoutSeconds * 1000
        : nextOccurrence(check.kind, check.schedule, check.tz, check.lastPingAt);
  }
  if (withStarted && check.lastStartAt !== null && check.status !== 'down') {
    result = result === null ? check.lastStartAt : Math.min(result, check.lastStartAt);
  }
  return result;
}

/** The computed status at `now` (spec §2.3); `withStarted` only for API v1. */
export function statusAt(check: CheckTiming, now: number, withStarted = false): ComputedStatus {
  const graceMs = check.graceSeconds * 1000;
  if (check.lastStartAt !== null) {
    if (now >= check.lastStartAt + graceMs) return 'down';
    if (withStarted) return 'started';
  }
  if (check.status !== 'up') return check.status;
  const due = graceStart(check, false);
  if (due === null) return 'up';
  if (now >= due + graceMs) return 'down';
  return now >= due ? 'grace' : 'up';
}

/** When the detector must next look at the check (spec §2.4): `alert_after`. */
export function goingDownAfter(check: CheckTiming): number | null {
  const due = graceStart(check, true);
  return due === null ? null : due + check.graceSeconds * 1000;
}

/** The API's `next_ping` (spec §2.5). */
export function nextPingAt(check: CheckTiming): number | null {
  return graceStart(check, true);
}
