import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import type { PingKind } from '../domain/classify-ping.js';
import {
  durationFromPrevious,
  MAX_DURATION_MS,
  pingDurations,
  planPingDurations,
  type PreviousRunSignal,
} from '../domain/ping-durations.js';
import { AppError } from '../lib/app-error.js';
import {
  findPingWithBody,
  recentFlipEvents,
  recentPingEvents,
  type FlipEvent,
  type PingEvent,
  type PingWithBody,
} from '../store/check-page-events.js';
import { previousRunSignal } from '../store/ping-log.js';
import { pingLogLimit } from './list-pings.js';

export type { FlipEvent, PingEvent, PingWithBody };

/** What the event log can be filtered to (spec §12 `log_events`). */
export const EVENT_KINDS = ['success', 'fail', 'start', 'log', 'ign', 'flip'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type LogEvent =
  { type: 'ping'; at: number; ping: PingEvent; durationMs: number | undefined } | { type: 'flip'; at: number; flip: FlipEvent };

/** The most pings the log reads at once, as the Pings API (spec §4.14). */
const WINDOW_CAP = 1000;

/** The lowest ping number still visible: older ones are past the owner's ping log limit (spec §3.9). */
async function visibleAbove(deps: Pick<Deps, 'store' | 'config'>, check: Check): Promise<number> {
  return check.nPings - (await pingLogLimit(deps, check.projectId));
}

/**
 * A check's events, newest first (spec §12): the pings of the visible window with their
 * durations (§2.7) and the flips since the oldest of them, merged, then kept to the asked
 * kinds (all when none) and the newest `limit`.
 */
export async function checkEvents(
  deps: Pick<Deps, 'store' | 'config'>,
  check: Check,
  kinds: readonly EventKind[],
  limit: number,
): Promise<LogEvent[]> {
  const wanted = (kind: EventKind) => kinds.length === 0 || kinds.includes(kind);
  const minN = await visibleAbove(deps, check);
  const pings = await recentPingEvents(deps.store.db, check.id, minN, WINDOW_CAP);
  // A full window has older pings beyond it: flips from before its oldest would have no context.
  const flipsFrom = pings.length === WINDOW_CAP ? pings[pings.length - 1]!.createdAt : 0;
  const flips = wanted('flip') ? await recentFlipEvents(deps.store.db, check.id, flipsFrom, limit) : [];
  const durations = await durationsOf(deps, check, pings);
  const events: LogEvent[] = [
    ...pings
      .filter((ping) => wanted(ping.kind))
      .slice(0, limit)
      .map((ping): LogEvent => ({ type: 'ping', at: ping.createdAt, ping, durationMs: durations.get(ping.n) })),
    ...flips.map((flip): LogEvent => ({ type: 'flip', at: flip.createdAt, flip })),
  ];
  // At one instant the flip a ping caused reads as coming after it.
  return events.sort((a, b) => b.at - a.at || (a.type === b.type ? 0 : a.type === 'flip' ? -1 : 1)).slice(0, limit);
}

async function durationsOf(deps: Pick<Deps, 'store'>, check: Check, pings: PingEvent[]): Promise<Map<number, number>> {
  const plan = planPingDurations(pings);
  const previous = new Map<number, PreviousRunSignal | undefined>();
  if (!plan.omitted) {
    const found = await Promise.all(plan.lookups.map((p) => previousRunSignal(deps.store.db, check.id, p, MAX_DURATION_MS)));
    plan.lookups.forEach((p, i) => previous.set(p.n, found[i]));
  }
  return pingDurations(plan, previous);
}

export interface PingDetails {
  ping: PingWithBody;
  durationMs: number | undefined;
}

/** One ping of the visible window with its body (spec §12 ping details); else not found. */
export async function pingDetails(deps: Pick<Deps, 'store' | 'config'>, check: Check, n: number): Promise<PingDetails> {
  const ping = n > (await visibleAbove(deps, check)) ? await findPingWithBody(deps.store.db, check.id, n) : undefined;
  if (!ping) throw new AppError('not_found', 'ping not found');
  const completes: PingKind[] = ['success', 'fail'];
  const previous = completes.includes(ping.kind)
    ? await previousRunSignal(deps.store.db, check.id, ping, MAX_DURATION_MS)
    : undefined;
  return { ping, durationMs: durationFromPrevious(ping, previous) };
}
