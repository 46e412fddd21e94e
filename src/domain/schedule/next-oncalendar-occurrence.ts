import { OnCalendarCursor } from './oncalendar-cursor.js';
import type { OnCalendarExpression } from './oncalendar-expression.js';
import type { OnCalendarSchedule } from './oncalendar-schedule.js';
import { type ZoneRules, zoneRulesFor } from './zone-rules.js';

// As with cron, a start inside a repeated (fall-back) hour can make the next
// wall-clock matches instants that already went by; the rest of the repeated
// stretch is skipped rather than yielding a time in the past.
const MAX_STEPS = 4;

/** Earliest occurrence strictly after `afterMs` across all lines, or null when none before 2200. */
export function nextOnCalendarOccurrence(schedule: OnCalendarSchedule, zone: ZoneRules, afterMs: number): number | null {
  let earliest: number | null = null;
  for (const line of schedule) {
    const lineZone = line.timezone === null ? zone : zoneRulesFor(line.timezone);
    const result = lineZone === null ? null : nextForLine(line.expression, lineZone, afterMs);
    if (result !== null && (earliest === null || result < earliest)) earliest = result;
  }
  return earliest;
}

function nextForLine(expression: OnCalendarExpression, zone: ZoneRules, afterMs: number): number | null {
  const cursor = new OnCalendarCursor(expression, zone, afterMs);
  for (let step = 0; step < MAX_STEPS; step++) {
    const result = cursor.next();
    if (result === null || result > afterMs) return result;
    const end = zone.repeatedWallEnd(afterMs);
    if (end !== null) cursor.resumeAt(end);
  }
  return null;
}
