import { CronCursor } from './cron-cursor.js';
import type { CronExpression } from './cron-expression.js';
import type { ZoneRules } from './zone-rules.js';

// cronsim can yield a time before its start: from the second pass through a
// repeated (fall-back) hour, the next wall-clock match may be a wall time
// whose first occurrence already went by. Debian cron does not run a job
// twice in that hour, so the rest of the repeated stretch is skipped.
const MAX_STEPS = 4;

/** First occurrence strictly after `afterMs`, or null when none within 50 years. */
export function nextCronOccurrence(cron: CronExpression, zone: ZoneRules, afterMs: number): number | null {
  const cursor = new CronCursor(cron, zone, afterMs);
  for (let step = 0; step < MAX_STEPS; step++) {
    const result = cursor.next();
    if (result === null || result > afterMs) return result;
    const end = zone.repeatedWallEnd(afterMs);
    if (end !== null) cursor.resumeAt(end);
  }
  return null;
}
