import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import { downtimesByBoundary, monthlyUptime, periodBoundaries, type DowntimeRecord } from '../domain/downtime-stats.js';
import { isCanonicalTimezone } from '../domain/timezones.js';
import { recentFlipEvents } from '../store/check-page-events.js';
import { userCheckPrefs } from '../store/check-page-prefs.js';

export interface MonthDowntime extends DowntimeRecord {
  /** Share of the month the check was not down, 0..1. */
  uptime: number;
}

export interface DowntimeSummary {
  /** The zone months are cut in: the user's (spec §2.13). */
  tz: string;
  /** The current month and the two before it, newest first. */
  months: MonthDowntime[];
}

/** More flips than any check has in three months; the bound keeps a pathological one cheap. */
const FLIP_CAP = 100_000;

/** Spec §12 / §2.13: downtime of the current and the two previous months in the user's zone. */
export async function downtimeSummary(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: number,
  check: Check,
): Promise<DowntimeSummary> {
  const prefs = await userCheckPrefs(deps.store.db, userId);
  const tz = isCanonicalTimezone(prefs.tz) ? prefs.tz : 'UTC';
  const now = deps.clock.now();
  const boundaries = periodBoundaries('monthly', 3, tz, now);
  const flips = await recentFlipEvents(deps.store.db, check.id, Math.min(...boundaries), FLIP_CAP);
  const records = downtimesByBoundary({ boundaries, flips, status: check.status, createdAt: check.createdAt, now });
  return { tz, months: records.map((r) => ({ ...r, uptime: monthlyUptime(r, tz) })) };
}
