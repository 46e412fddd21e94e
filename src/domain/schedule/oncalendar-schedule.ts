import { canonicalTimezone } from '../timezones.js';
import { type OnCalendarExpression, parseOnCalendarExpression } from './oncalendar-expression.js';
import { type Parsed, parseWith } from './schedule-syntax-error.js';
import { splitLastWord, trimWhitespace } from './whitespace.js';

/** A line's own time zone (canonical name), or null to use the check's. */
export type OnCalendarLine = { expression: OnCalendarExpression; timezone: string | null };

/** One or more newline-separated OnCalendar expressions; the next occurrence is the earliest across lines. */
export type OnCalendarSchedule = readonly OnCalendarLine[];

export function parseOnCalendarSchedule(schedule: string): Parsed<OnCalendarSchedule> {
  return parseWith(() => trimWhitespace(schedule).split('\n').map(parseLine));
}

function parseLine(raw: string): OnCalendarLine {
  const line = trimWhitespace(raw);
  // oncalendar looks for a trailing zone only after a plain space, and treats
  // a last word that is not a known zone as part of the expression.
  const split = line.includes(' ') ? splitLastWord(line) : null;
  const timezone = split === null ? null : lineTimezone(split.last);
  if (split === null || timezone === null) return { expression: parseOnCalendarExpression(line), timezone: null };
  return { expression: parseOnCalendarExpression(split.head), timezone };
}

function lineTimezone(word: string): string | null {
  // No zone name starts with a digit or `*`; those words are dates and times.
  if (/^[0-9*]/.test(word)) return null;
  return canonicalTimezone(word);
}
