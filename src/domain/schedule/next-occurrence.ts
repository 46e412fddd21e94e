import { BoundedCache } from './bounded-cache.js';
import { type CronExpression, parseCronExpression } from './cron-expression.js';
import type { ScheduleKind } from './detect-schedule-kind.js';
import { nextCronOccurrence } from './next-cron-occurrence.js';
import { nextOnCalendarOccurrence } from './next-oncalendar-occurrence.js';
import { type OnCalendarSchedule, parseOnCalendarSchedule } from './oncalendar-schedule.js';
import { ZoneRules, zoneRulesFor } from './zone-rules.js';

type ParsedSchedule =
  | { kind: 'cron'; cron: CronExpression }
  | { kind: 'oncalendar'; schedule: OnCalendarSchedule }
  | { kind: 'invalid'; error: string };

// nextOccurrence runs for every ping of a scheduled check; parsing is the
// expensive part, and a deployment has far fewer distinct schedules than pings.
const parsedSchedules = new BoundedCache<string, ParsedSchedule>(1000);
const validity = new BoundedCache<string, boolean>(1000);

// §2.10 validates against this start: naive 2000-01-01 for cron, 2000-01-01T00:00Z for OnCalendar.
const VALIDATION_START_MS = Date.UTC(2000, 0, 1);

function parseSchedule(kind: ScheduleKind, expr: string): ParsedSchedule {
  return parsedSchedules.remember(`${kind}\u0000${expr}`, () => {
    if (kind === 'cron') {
      const parsed = parseCronExpression(expr);
      return parsed.ok ? { kind, cron: parsed.value } : { kind: 'invalid', error: parsed.error };
    }
    const parsed = parseOnCalendarSchedule(expr);
    return parsed.ok ? { kind, schedule: parsed.value } : { kind: 'invalid', error: parsed.error };
  });
}

function next(parsed: ParsedSchedule, zone: ZoneRules, afterMs: number): number | null {
  if (parsed.kind === 'cron') return nextCronOccurrence(parsed.cron, zone, afterMs);
  if (parsed.kind === 'oncalendar') return nextOnCalendarOccurrence(parsed.schedule, zone, afterMs);
  return null;
}

/** True when the expression parses AND yields a next occurrence from 2000-01-01T00:00 UTC (§2.10). */
export function isValidSchedule(kind: ScheduleKind, expr: string): boolean {
  return validity.remember(`${kind}\u0000${expr}`, () => {
    return next(parseSchedule(kind, expr), ZoneRules.utc, VALIDATION_START_MS) !== null;
  });
}

/**
 * First occurrence strictly after `afterMs` (epoch ms), evaluated in IANA zone
 * `tz` (OnCalendar lines may carry their own zone). Cron drops the seconds of
 * the start instant and searches from the next minute (§2.2); OnCalendar drops
 * only the milliseconds and searches from the next second, as the python
 * `oncalendar` library does. Returns null when there is no further occurrence
 * (cron: none within 50 years; OnCalendar: none before 2200), when the
 * expression is invalid, or when `tz` names no zone Intl knows.
 */
export function nextOccurrence(kind: ScheduleKind, expr: string, tz: string, afterMs: number): number | null {
  if (!Number.isFinite(afterMs)) return null;
  const parsed = parseSchedule(kind, expr);
  if (parsed.kind === 'invalid') return null;
  const zone = zoneRulesFor(tz);
  return zone === null ? null : next(parsed, zone, afterMs);
}
