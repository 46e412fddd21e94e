import { ScheduleSyntaxError } from './schedule-syntax-error.js';
import { splitOnWhitespace } from './whitespace.js';

/** Years beyond this are never produced (systemd stops at 2200, and so does oncalendar). */
export const MAX_YEAR = 2200;
export const MIN_YEAR = 1970;

/** One parsed OnCalendar line without its time zone (python `oncalendar` 1.x semantics, spec §2.9). */
export type OnCalendarExpression = {
  weekdays: Uint8Array; // [0..6], Monday = 0
  years: Uint8Array; // [year - MIN_YEAR]
  months: Uint8Array; // [1..12]
  days: Uint8Array; // [1..31]
  daysFromEnd: Uint8Array; // [k] for `~k`: k-th day counted from the end, 1 = last
  hours: Uint8Array; // [0..23]
  minutes: Uint8Array; // [0..59]
  seconds: Uint8Array; // [0..59]
  hourList: readonly number[]; // sorted members of the flags above
  minuteList: readonly number[];
  secondList: readonly number[];
  /** False when no selected month has a selected day (`2-30`); true promises no match. */
  someDateExists: boolean;
};

type FieldKind = 'dow' | 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';
type Field = { kind: FieldKind; label: string; min: number; max: number };

const DOW: Field = { kind: 'dow', label: 'day-of-week', min: 0, max: 6 };
const YEAR: Field = { kind: 'year', label: 'year', min: MIN_YEAR, max: MAX_YEAR - 1 };
const MONTH: Field = { kind: 'month', label: 'month', min: 1, max: 12 };
const DAY: Field = { kind: 'day', label: 'day-of-month', min: 1, max: 31 };
const HOUR: Field = { kind: 'hour', label: 'hour', min: 0, max: 23 };
const MINUTE: Field = { kind: 'minute', label: 'minute', min: 0, max: 59 };
const SECOND: Field = { kind: 'second', label: 'second', min: 0, max: 59 };

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_ABBREVIATIONS = DAY_NAMES.map((name) => name.slice(0, 3));

const SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ['minutely', '*-*-* *:*:00'],
  ['hourly', '*-*-* *:00:00'],
  ['daily', '*-*-* 00:00:00'],
  ['monthly', '*-*-01 00:00:00'],
  ['weekly', 'Mon *-*-* 00:00:00'],
  ['yearly', '*-01-01 00:00:00'],
  ['annually', '*-01-01 00:00:00'],
  ['quarterly', '*-01,04,07,10-01 00:00:00'],
  ['semiannually', '*-01,07-01 00:00:00'],
]);

/** Parses `[weekdays] [date] [time]`; throws ScheduleSyntaxError. */
export function parseOnCalendarExpression(expression: string): OnCalendarExpression {
  const expanded = SHORTHANDS.get(expression.toLowerCase()) ?? expression;
  // `M~D` is read as a date whose day part starts with `~`.
  const parts = splitOnWhitespace(expanded.replaceAll('~', '-~'));
  if (parts.length === 0) throw new ScheduleSyntaxError('Wrong number of fields');

  let hours = new Set([0]);
  let minutes = new Set([0]);
  let seconds = new Set([0]);
  const last = parts[parts.length - 1] as string;
  if (last.includes(':')) {
    parts.pop();
    const time = last.split(':');
    if (time.length !== 2 && time.length !== 3) throw new ScheduleSyntaxError('Bad time');
    hours = parseField(HOUR, time[0] as string);
    minutes = parseField(MINUTE, time[1] as string);
    seconds = parseField(SECOND, time[2] ?? '0');
  }

  let years = fullRange(YEAR);
  let months = fullRange(MONTH);
  let days = fullRange(DAY);
  const maybeDate = parts[parts.length - 1];
  if (maybeDate !== undefined && maybeDate.includes('-') && /^[0-9*]/.test(maybeDate)) {
    parts.pop();
    const date = maybeDate.split('-');
    if (date.length !== 2 && date.length !== 3) throw new ScheduleSyntaxError('Bad date');
    if (date.length === 2) date.unshift('*');
    years = parseField(YEAR, date[0] as string);
    months = parseField(MONTH, date[1] as string);
    days = parseField(DAY, date[2] as string);
  }

  const weekdays = parts.length > 0 ? parseField(DOW, parts.shift() as string) : fullRange(DOW);
  if (parts.length > 0) throw new ScheduleSyntaxError('Wrong number of fields');

  return {
    weekdays: flags(7, weekdays),
    years: flags(MAX_YEAR - MIN_YEAR, new Set([...years].map((y) => y - MIN_YEAR))),
    months: flags(13, months),
    days: flags(32, days),
    daysFromEnd: flags(32, new Set([...days].filter((d) => d < 0).map((d) => -d))),
    hours: flags(24, hours),
    minutes: flags(60, minutes),
    seconds: flags(60, seconds),
    hourList: sorted(hours),
    minuteList: sorted(minutes),
    secondList: sorted(seconds),
    someDateExists: [...days].some((d) => d < 0 || [...months].some((m) => d >= 1 && d <= (LONGEST_MONTH[m] ?? 0))),
  };
}

// February counts 29 days: some selected year may be a leap year.
const LONGEST_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function sorted(items: ReadonlySet<number>): number[] {
  return [...items].sort((a, b) => a - b);
}

function flags(size: number, items: ReadonlySet<number>): Uint8Array {
  const result = new Uint8Array(size);
  for (const item of items) if (item >= 0 && item < size) result[item] = 1;
  return result;
}

function fullRange(field: Field): Set<number> {
  return new Set(range(field.min, field.max));
}

function range(start: number, end: number): number[] {
  const result: number[] = [];
  for (let v = start; v <= end; v++) result.push(v);
  return result;
}

function bad(field: Field): ScheduleSyntaxError {
  return new ScheduleSyntaxError(`Bad ${field.label}`);
}

function parseDigits(field: Field, s: string): number {
  if (!/^[0-9]+$/.test(s)) throw bad(field);
  return Number(s);
}

function parseValue(field: Field, s: string): number {
  if (field.kind === 'dow') {
    const upper = s.toUpperCase();
    const full = DAY_NAMES.indexOf(upper);
    if (full >= 0) return full;
    const short = DAY_ABBREVIATIONS.indexOf(upper);
    if (short >= 0) return short;
    throw bad(field);
  }
  let value = parseDigits(field, s);
  // Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
  if (field.kind === 'year' && value < 70) value += 2000;
  if (field.kind === 'year' && value < 100) value += 1900;
  if (value < field.min || value > field.max) throw bad(field);
  return value;
}

// Branch order mirrors oncalendar's Field.parse. With `reverse` (after `~`)
// day values are negative: -1 is the last day of the month.
function parseField(field: Field, s: string, reverse = false): Set<number> {
  if (s === '*' && field.kind !== 'dow') return fullRange(field);
  if (field.kind === 'dow' && s.endsWith(',')) return parseField(field, s.slice(0, -1));
  if (field.kind === 'dow' && s.includes('-')) return parseField(field, s.replaceAll('-', '..'));
  if (field.kind === 'day' && s.startsWith('~')) return parseField(field, s.slice(1), true);

  if (s.includes(',')) {
    const result = new Set<number>();
    for (const term of s.split(',')) for (const item of parseField(field, term, reverse)) result.add(item);
    return result;
  }

  if (s.includes('/') && field.kind !== 'dow') {
    const slash = s.indexOf('/');
    const step = parseDigits(field, s.slice(slash + 1));
    if (step === 0) throw bad(field);
    const items = parseField(field, s.slice(0, slash), reverse);
    const base = items.size === 1 ? range([...items][0] as number, reverse ? 0 : field.max) : [...items].sort((a, b) => a - b);
    return new Set(base.filter((_, i) => i % step === 0));
  }

  if (s.includes('..')) {
    const dots = s.indexOf('..');
    const start = parseValue(field, s.slice(0, dots));
    const end = parseValue(field, s.slice(dots + 2));
    if (end < start) throw bad(field);
    return new Set(reverse ? range(-end, -start) : range(start, end));
  }

  const value = parseValue(field, s);
  if (!reverse) return new Set([value]);
  // systemd rejects `~` day values above 28.
  if (value > 28) throw bad(field);
  return new Set([-value]);
}
