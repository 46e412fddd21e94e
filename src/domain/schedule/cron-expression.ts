import { type Parsed, ScheduleSyntaxError, parseWith } from './schedule-syntax-error.js';
import { splitOnWhitespace } from './whitespace.js';

/** A parsed 5-field cron expression (cronsim 2.x semantics, see spec §2.8). */
export type CronExpression = {
  minutes: Uint8Array; // [0..59]
  minuteList: readonly number[]; // sorted
  hours: Uint8Array; // [0..23]
  hourList: readonly number[]; // sorted
  days: Uint8Array; // [1..31]
  lastDay: boolean; // L
  lastWeekday: boolean; // LW
  months: Uint8Array; // [1..12]
  weekdays: Uint8Array; // [0..6], Sunday = 0 (7 folded into 0)
  lastWeekdayOf: Uint8Array; // <dow>L
  nthWeekday: Uint8Array; // <dow>#<n> at dow * 6 + n
  /** Debian cron: if either day field starts with `*`, both must match; otherwise either may. */
  dayAnd: boolean;
  /** Both minute and hour are specific, so Debian's wall-clock DST rules apply. */
  wallClock: boolean;
};

type FieldKind = 'minute' | 'hour' | 'day' | 'month' | 'dow';
type Field = { kind: FieldKind; min: number; max: number; names: readonly string[]; firstName: number };

const MINUTE: Field = { kind: 'minute', min: 0, max: 59, names: [], firstName: 0 };
const HOUR: Field = { kind: 'hour', min: 0, max: 23, names: [], firstName: 0 };
const DAY: Field = { kind: 'day', min: 1, max: 31, names: [], firstName: 0 };
const MONTH: Field = {
  kind: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  firstName: 1,
};
const DOW: Field = {
  kind: 'dow',
  min: 0,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  firstName: 0,
};

const FIELD_LABEL: Record<FieldKind, string> = {
  minute: 'minute',
  hour: 'hour',
  day: 'day-of-month',
  month: 'month',
  dow: 'day-of-week',
};

// Items of a parsed field. Plain values are their number; the day-of-month
// markers are negative (as in cronsim, so `min(days)` ignores them); the
// day-of-week forms are offset into ranges of their own.
const LAST = -1000;
const LAST_WEEKDAY = -1001;
const DOW_LAST = 1000; // + dow
const DOW_NTH = 2000; // + dow * 10 + n

const DAYS_IN_MONTH_MAX = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseCronExpression(expr: string): Parsed<CronExpression> {
  return parseWith(() => parseCron(expr));
}

function parseCron(expr: string): CronExpression {
  const parts = splitOnWhitespace(expr.toUpperCase());
  if (parts.length !== 5) throw new ScheduleSyntaxError('Wrong number of fields');
  const [minutePart, hourPart, dayPart, monthPart, dowPart] = parts as [string, string, string, string, string];

  const minutes = parseField(MINUTE, minutePart);
  const hours = parseField(HOUR, hourPart);
  const days = parseField(DAY, dayPart);
  const months = parseField(MONTH, monthPart);
  const weekdays = parseField(DOW, dowPart);

  const smallestDay = Math.min(...days);
  if (smallestDay > 29 && smallestDay > Math.max(...[...months].map((m) => DAYS_IN_MONTH_MAX[m] ?? 0))) {
    throw new ScheduleSyntaxError(bad(DAY));
  }

  const cron: CronExpression = {
    minutes: flags(60, minutes),
    minuteList: [...minutes].sort((a, b) => a - b),
    hours: flags(24, hours),
    hourList: [...hours].sort((a, b) => a - b),
    days: flags(32, days),
    lastDay: days.has(LAST),
    lastWeekday: days.has(LAST_WEEKDAY),
    months: flags(13, months),
    weekdays: new Uint8Array(7),
    lastWeekdayOf: new Uint8Array(7),
    nthWeekday: new Uint8Array(7 * 6),
    dayAnd: dayPart.startsWith('*') || dowPart.startsWith('*'),
    wallClock: !minutePart.startsWith('*') && !hourPart.startsWith('*'),
  };
  for (const item of weekdays) {
    if (item >= DOW_NTH) cron.nthWeekday[(Math.floor((item - DOW_NTH) / 10) % 7) * 6 + ((item - DOW_NTH) % 10)] = 1;
    else if (item >= DOW_LAST) cron.lastWeekdayOf[(item - DOW_LAST) % 7] = 1;
    else cron.weekdays[item % 7] = 1;
  }
  return cron;
}

function flags(size: number, items: ReadonlySet<number>): Uint8Array {
  const result = new Uint8Array(size);
  for (const item of items) if (item >= 0 && item < size) result[item] = 1;
  return result;
}

function bad(field: Field): string {
  return `Bad ${FIELD_LABEL[field.kind]}`;
}

/** Digits only, like cronsim's `Field._int`. */
function parseDigits(field: Field, s: string): number {
  if (!/^[0-9]+$/.test(s)) throw new ScheduleSyntaxError(bad(field));
  return Number(s);
}

function parseValue(field: Field, s: string): number {
  const named = field.names.indexOf(s);
  if (named >= 0) return named + field.firstName;
  const value = parseDigits(field, s);
  if (value < field.min || value > field.max) throw new ScheduleSyntaxError(bad(field));
  return value;
}

function range(start: number, end: number): number[] {
  const result: number[] = [];
  for (let v = start; v <= end; v++) result.push(v);
  return result;
}

// The branch order mirrors cronsim's Field.parse; it decides which malformed
// inputs are errors (e.g. `5L/2` fails in the L branch before `/` is seen).
function parseField(field: Field, s: string): Set<number> {
  if (s === '*') return new Set(range(field.min, field.max));

  if (s.includes(',')) {
    const result = new Set<number>();
    for (const term of s.split(',')) for (const item of parseField(field, term)) result.add(item);
    return result;
  }

  if (field.kind === 'dow' && s.includes('L')) {
    if (!/^[0-9]+$/.test(s.slice(0, -1))) throw new ScheduleSyntaxError(bad(field));
    return new Set([DOW_LAST + parseValue(field, s.slice(0, -1))]);
  }

  if (field.kind === 'dow' && s.includes('#')) {
    const hash = s.indexOf('#');
    const nth = parseDigits(field, s.slice(hash + 1));
    if (nth < 1 || nth > 5) throw new ScheduleSyntaxError(bad(field));
    return new Set([DOW_NTH + parseValue(field, s.slice(0, hash)) * 10 + nth]);
  }

  if (s.includes('/')) {
    const slash = s.indexOf('/');
    const step = parseDigits(field, s.slice(slash + 1));
    if (step === 0) throw new ScheduleSyntaxError(bad(field));
    const items = parseField(field, s.slice(0, slash));
    if (items.size === 1 && (items.has(LAST) || items.has(LAST_WEEKDAY))) return items;
    // cronsim: a single start value means "from there to the field's maximum".
    const base = items.size === 1 ? range([...items][0] as number, field.max) : [...items].sort((a, b) => a - b);
    return new Set(base.filter((_, i) => i % step === 0));
  }

  if (s.includes('-')) {
    const dash = s.indexOf('-');
    const start = parseValue(field, s.slice(0, dash));
    const end = parseValue(field, s.slice(dash + 1));
    if (end < start) throw new ScheduleSyntaxError(bad(field));
    return new Set(range(start, end));
  }

  if (field.kind === 'day' && s === 'LW') return new Set([LAST_WEEKDAY]);
  if (field.kind === 'day' && s === 'L') return new Set([LAST]);
  return new Set([parseValue(field, s)]);
}
