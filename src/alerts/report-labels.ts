import { DateTime } from 'luxon';
import type { DowntimeRecord, ReportPeriod } from '../domain/downtime-stats.js';
import { plural } from './report-text.js';

/** Appendix A's approximate form: `2 days 3 h`, `1 day 0 h`, `3 h 5 min`, `5 min 3 sec`, `3 sec`. */
export function approxDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${plural(days, 'day')} ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds} sec`;
  return `${seconds} sec`;
}

/** Django's `N` format (Associated Press month abbreviations), which Healthchecks' reports use. */
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

function local(ms: number, tz: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone: tz, locale: 'en-US' });
  return dt.isValid ? dt : DateTime.fromMillis(ms, { zone: 'UTC', locale: 'en-US' });
}

/** A report column heading: `Dec. 2019`, `Dec 30 - Jan 5`, `January 12`. */
export function periodHeading(period: ReportPeriod, boundary: number, tz: string): string {
  const start = local(boundary, tz);
  if (period === 'weekly') return `${start.toFormat('LLL d')} - ${start.plus({ days: 6 }).toFormat('LLL d')}`;
  if (period === 'daily') return start.toFormat('LLLL d');
  return `${AP_MONTHS[start.month - 1]} ${start.year}`;
}

/** The period a report looks back on: `In December`, `Last week (January 6 to January 12)`, `Yesterday (January 12)`. */
export function reportWhen(period: ReportPeriod, boundary: number, tz: string): string {
  const start = local(boundary, tz);
  if (period === 'weekly') return `Last week (${start.toFormat('LLLL d')} to ${start.plus({ days: 6 }).toFormat('LLLL d')})`;
  if (period === 'daily') return `Yesterday (${start.toFormat('LLLL d')})`;
  return `In ${start.toFormat('LLLL')}`;
}

/** One cell of the downtime table: empty before the check existed, `All good!` without downtime. */
export function downtimeCell(record: DowntimeRecord, separator: string): string {
  if (record.count > 0) return `${plural(record.count, 'downtime')},${separator}${approxDuration(record.durationMs)} total`;
  return record.noData ? '' : 'All good!';
}
