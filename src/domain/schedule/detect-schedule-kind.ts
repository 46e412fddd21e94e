import { splitOnWhitespace, trimWhitespace } from './whitespace.js';

export type ScheduleKind = 'cron' | 'oncalendar';

/** §2.10: trimmed single line with exactly 5 whitespace-separated parts → 'cron', else 'oncalendar'. */
export function detectScheduleKind(expr: string): ScheduleKind {
  return !trimWhitespace(expr).includes('\n') && splitOnWhitespace(expr).length === 5 ? 'cron' : 'oncalendar';
}
