import type { Deps } from '../deps.js';
import { downtimesByBoundary, periodBoundaries, type ReportPeriod } from '../domain/downtime-stats.js';
import { nextReportAt, REPORT_SPREAD_MINUTES } from '../domain/report-schedule.js';
import { statusAt } from '../domain/status.js';
import type { Mailer } from '../outbound/mailer.js';
import { claimReportDate, findDueReportProfiles, listFlipsSince, listUserChecks, type OwnedCheck } from '../store/profiles.js';
import { sendToProfile, type SendOptions } from './report-delivery.js';
import { reportEmail, type ReportProject } from './report-email.js';

export type ReportDeps = Pick<Deps, 'store' | 'clock' | 'log' | 'config' | 'secretKey'>;

const DAY_MS = 86_400_000;
/** Accounts whose checks have not been pinged for this long get no reports (spec §8.4). */
export const REPORT_ACTIVITY_WINDOW_MS = 180 * DAY_MS;
const BATCH = 100;

/** Whether any of the checks was pinged within the activity window: a report is worth sending. */
export function recentlyActive(checks: readonly OwnedCheck[], now: number): boolean {
  return checks.some((c) => c.lastPingAt !== null && c.lastPingAt >= now - REPORT_ACTIVITY_WINDOW_MS);
}

/** Groups checks (already ordered by project) into the report's per-project tables. */
export function groupByProject<C extends OwnedCheck, R>(
  checks: readonly C[],
  map: (check: C) => R,
): { name: string; checks: R[] }[] {
  const groups = new Map<number, { name: string; checks: R[] }>();
  for (const check of checks) {
    const group = groups.get(check.projectId) ?? { name: check.projectName, checks: [] };
    group.checks.push(map(check));
    groups.set(check.projectId, group);
  }
  return [...groups.values()];
}

/** The previous two full periods, oldest first, with each check's downtime in them. */
async function reportTables(deps: ReportDeps, checks: readonly OwnedCheck[], period: ReportPeriod, tz: string, now: number) {
  // [current, previous, the one before]: the current period is counted, then left out
  const all = periodBoundaries(period, 3, tz, now);
  const flips = await listFlipsSince(
    deps.store.db,
    checks.map((c) => c.id),
    Math.min(...all),
  );
  const projects: ReportProject[] = groupByProject(checks, (check) => ({
    name: check.name || check.code,
    status: statusAt(check, now),
    downtimes: downtimesByBoundary({
      boundaries: all,
      flips: flips.get(check.id) ?? [],
      status: check.status,
      createdAt: check.createdAt,
      now,
    })
      .slice(1)
      .reverse(),
  }));
  return { boundaries: all.slice(1).reverse(), projects };
}

/**
 * Sends every due daily/weekly/monthly report (spec §8.4). Each profile is claimed by moving its
 * `next_report_at` from the value read to the next date, so concurrent senders never send one
 * twice; unscheduled profiles only get a date. Returns the number of reports sent.
 */
export async function sendDueReports(
  deps: ReportDeps,
  mailer: Mailer,
  options: SendOptions & { random?: () => number } = {},
): Promise<number> {
  const random = options.random ?? Math.random;
  let sent = 0;
  for (;;) {
    const due = await findDueReportProfiles(deps.store.db, deps.clock.now(), BATCH);
    let claimed = 0;
    for (const profile of due) {
      if (options.signal?.aborted) return sent;
      if (profile.reports === 'off') continue;
      const now = deps.clock.now();
      const next = nextReportAt(profile.reports, profile.tz, now, Math.floor(random() * REPORT_SPREAD_MINUTES));
      if (!(await claimReportDate(deps.store.db, profile.userId, profile.nextReportAt, next))) continue;
      claimed += 1;
      if (profile.nextReportAt === null) continue;

      const checks = await listUserChecks(deps.store.db, profile.userId);
      if (!recentlyActive(checks, now)) continue;
      const tables = await reportTables(deps, checks, profile.reports, profile.tz, now);
      const period = profile.reports;
      const ok = await sendToProfile(deps, mailer, profile, now, (unsubscribeUrl) =>
        reportEmail({
          siteName: deps.config.siteName,
          siteRoot: deps.config.siteRoot,
          period,
          tz: profile.tz,
          unsubscribeUrl,
          ...tables,
        }),
      );
      if (ok) sent += 1;
      await options.afterEmail?.();
    }
    if (claimed === 0 || due.length < BATCH) return sent;
  }
}
