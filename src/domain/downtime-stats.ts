import { DateTime } from 'luxon';

/** How reports (and the UI's downtime table) cut time: months, weeks starting Monday, or days. */
export type ReportPeriod = 'monthly' | 'weekly' | 'daily';

/** Downtime within one interval (spec §2.13). */
export interface DowntimeRecord {
  /** Start of the interval, epoch ms (midnight in the user's tz). */
  boundary: number;
  /** The check did not exist yet during this interval. */
  noData: boolean;
  durationMs: number;
  count: number;
}

/** A flip as the statistics read it: when, and the status it left. */
export interface FlipSpan {
  createdAt: number;
  oldStatus: string;
}

const UNIT = { monthly: 'month', weekly: 'week', daily: 'day' } as const;

function zoned(ms: number, tz: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone: tz });
  // An unknown zone would make every later computation NaN: fall back to UTC.
  return dt.isValid ? dt : DateTime.fromMillis(ms, { zone: 'UTC' });
}

/**
 * Starts of the current and the `count - 1` previous periods in `tz`, newest first
 * (Healthchecks' month_boundaries / week_boundaries / day_boundaries). Luxon's weeks start on
 * Monday, as Healthchecks' do.
 */
export function periodBoundaries(period: ReportPeriod, count: number, tz: string, now: number): number[] {
  const unit = UNIT[period];
  const current = zoned(now, tz).startOf(unit);
  const result: number[] = [];
  for (let i = 0; i < count; i++) {
    // Re-anchor each step on the calendar: "minus one month" from a DST-shifted midnight must
    // still land on the 1st at 00:00 local time.
    result.push(
      current
        .minus({ [`${unit}s`]: i })
        .startOf(unit)
        .toMillis(),
    );
  }
  return result;
}

/** Length of the month starting at `boundary` in `tz`, in seconds: DST-aware (31 days ± 1 h). */
export function secondsInMonth(boundary: number, tz: string): number {
  const start = zoned(boundary, tz).startOf('month');
  return (start.plus({ months: 1 }).toMillis() - start.toMillis()) / 1000;
}

/** (seconds in month − downtime) / seconds in month, for a monthly record. */
export function monthlyUptime(record: DowntimeRecord, tz: string): number {
  const total = secondsInMonth(record.boundary, tz);
  return (total - record.durationMs / 1000) / total;
}

const BOUNDARY_MARK = '---';

/**
 * Downtime per interval (spec §2.13, Healthchecks' `downtimes_by_boundary`): walk flips and
 * interval boundaries from now back to the oldest boundary, starting from the stored status;
 * every span spent `down` adds its duration and a count of one to the interval it starts in.
 * Spans are split at boundaries, so an outage across a month end counts in both months.
 * `boundaries` are newest first; the result follows the same order.
 */
export function downtimesByBoundary(input: {
  boundaries: readonly number[];
  flips: readonly FlipSpan[];
  status: string;
  createdAt: number;
  now: number;
}): DowntimeRecord[] {
  const records: DowntimeRecord[] = [];
  let newer: number | null = null;
  for (const boundary of input.boundaries) {
    // Created after this interval ended: the check did not exist during it.
    records.push({ boundary, noData: newer !== null && input.createdAt > newer, durationMs: 0, count: 0 });
    newer = boundary;
  }
  if (records.length === 0) return records;
  const oldest = Math.min(...input.boundaries);
  const events = [
    ...input.boundaries.map((at) => ({ at, status: BOUNDARY_MARK })),
    ...input.flips.filter((f) => f.createdAt > oldest).map((f) => ({ at: f.createdAt, status: f.oldStatus })),
  ];
  // Newest first; at equal instants Python's reverse tuple sort puts flips before the boundary.
  events.sort((a, b) => b.at - a.at || (a.status < b.status ? 1 : a.status > b.status ? -1 : 0));

  let until = input.now;
  let status = input.status;
  for (const event of events) {
    if (status === 'down') {
      const record = records.find((r) => event.at >= r.boundary);
      if (record) {
        record.durationMs += until - event.at;
        record.count += 1;
      }
    }
    until = event.at;
    if (event.status !== BOUNDARY_MARK) status = event.status;
  }
  return records;
}
