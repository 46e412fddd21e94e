import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import { MAX_DURATION_MS, pingDurations, planPingDurations, type PreviousRunSignal } from '../domain/ping-durations.js';
import { ownerPingLogLimit, previousRunSignal, recentPings, type PingLogEntry } from '../store/ping-log.js';
import { getCheck } from './read-checks.js';

/** The Pings API never lists more than this, whatever the owner's limit (spec §4.14). */
const API_PING_LIMIT = 1000;

export interface PingLog {
  check: Check;
  /** Newest first. */
  pings: PingLogEntry[];
  /** Known durations by ping `n`. */
  durationsMs: Map<number, number>;
}

/** The owner's ping log limit, or the configured default (spec §3.9). */
export async function pingLogLimit(deps: Pick<Deps, 'store' | 'config'>, projectId: number): Promise<number> {
  return (await ownerPingLogLimit(deps.store.db, { projectId })) ?? deps.config.pingLogLimit;
}

/** Spec §4.14: the newest pings of a check by UUID, with their durations (§2.7). */
export async function listPings(deps: Pick<Deps, 'store' | 'config'>, caller: ApiCaller, code: string): Promise<PingLog> {
  const check = await getCheck(deps, caller, code);
  const limit = Math.min(await pingLogLimit(deps, check.projectId), API_PING_LIMIT);
  const pings = await recentPings(deps.store.db, check.id, limit);
  const plan = planPingDurations(pings);
  const previous = new Map<number, PreviousRunSignal | undefined>();
  if (!plan.omitted) {
    const found = await Promise.all(
      plan.lookups.map((ping) => previousRunSignal(deps.store.db, check.id, ping, MAX_DURATION_MS)),
    );
    plan.lookups.forEach((ping, i) => previous.set(ping.n, found[i]));
  }
  return { check, pings, durationsMs: pingDurations(plan, previous) };
}
