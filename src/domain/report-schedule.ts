import { DateTime } from 'luxon';
import type { ReportPeriod } from './downtime-stats.js';

/** Reports go out between 09:00 and 10:59 local time, spread so a large install does not burst. */
export const REPORT_SPREAD_MINUTES = 120;

/**
 * When the next report is due (spec §8.4): in `tz`, 09:00 plus `offsetMinutes` (0–119, chosen at
 * random by the caller) on the next day (daily), the next Monday (weekly) or the next 1st of a
 * month (monthly). "Next" is strict: a Monday report scheduled on a Monday goes a week later.
 * Days are added on the wall clock, so the hour holds across DST changes.
 */
export function nextReportAt(period: ReportPeriod, tz: string, now: number, offsetMinutes: number): number {
  let local = DateTime.fromMillis(now, { zone: tz });
  if (!local.isValid) local = DateTime.fromMillis(now, { zone: 'UTC' });
  const minutes = Math.min(Math.max(Math.trunc(offsetMinutes), 0), REPORT_SPREAD_MINUTES - 1);
  let day = local.startOf('day');
  for (;;) {
    day = day.plus({ days: 1 });
    if (period === 'daily' || (period === 'weekly' && day.weekday === 1) || (period === 'monthly' && day.day === 1)) {
      return day.set({ hour: 9, minute: 0 }).plus({ minutes }).toMillis();
    }
  }
}
