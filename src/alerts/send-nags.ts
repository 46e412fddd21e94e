import type { Mailer } from '../outbound/mailer.js';
import { claimNagDate, findDueNagProfiles, listUserChecks, type ReportProfile } from '../store/profiles.js';
import { nagEmail } from './nag-email.js';
import { sendToProfile, type SendOptions } from './report-delivery.js';
import { groupByProject, recentlyActive, type ReportDeps } from './send-reports.js';

const BATCH = 100;

/** Emails the list of down checks; false when there is nothing to remind of. */
async function sendNag(deps: ReportDeps, mailer: Mailer, profile: ReportProfile, now: number): Promise<boolean> {
  const checks = await listUserChecks(deps.store.db, profile.userId);
  // As Healthchecks: an account idle for six months gets neither reports nor reminders.
  if (!recentlyActive(checks, now)) return false;
  const down = checks.filter((c) => c.status === 'down');
  if (down.length === 0) return false;
  const projects = groupByProject(down, (c) => ({ name: c.name || c.code, lastPingAt: c.lastPingAt }));
  await sendToProfile(deps, mailer, profile, now, (unsubscribeUrl) =>
    nagEmail({
      siteName: deps.config.siteName,
      siteRoot: deps.config.siteRoot,
      nagPeriodSeconds: profile.nagPeriodSeconds,
      now,
      projects,
      unsubscribeUrl,
    }),
  );
  return true;
}

/**
 * Sends every due reminder (spec §8.4): claim by moving `next_nag_at` to now + nag period, then
 * email the checks still down; when none is down, clear the date instead (the next down flip
 * sets it again). Returns the number of profiles whose reminder was sent.
 */
export async function sendDueNags(deps: ReportDeps, mailer: Mailer, options: SendOptions = {}): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await findDueNagProfiles(deps.store.db, deps.clock.now(), BATCH);
    let claimed = 0;
    for (const profile of due) {
      if (options.signal?.aborted) return sent;
      if (profile.nextNagAt === null) continue;
      const now = deps.clock.now();
      const next = now + profile.nagPeriodSeconds * 1000;
      if (!(await claimNagDate(deps.store.db, profile.userId, profile.nextNagAt, next))) continue;
      claimed += 1;
      if (await sendNag(deps, mailer, profile, now)) {
        sent += 1;
        await options.afterEmail?.();
      } else {
        // Only if still ours: a concurrent refresh may have set a fresh date meanwhile.
        await claimNagDate(deps.store.db, profile.userId, next, null);
      }
    }
    if (claimed === 0 || due.length < BATCH) return sent;
  }
}
