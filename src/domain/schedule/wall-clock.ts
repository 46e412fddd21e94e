// Calendar arithmetic on "wall" milliseconds: a local date and time encoded as
// if it were UTC. The cron and OnCalendar iterators walk local calendars with
// plain integer maths and only consult the time zone at the edges.

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type CivilDate = { year: number; month: number; day: number };

export function floorTo(ms: number, unitMs: number): number {
  return Math.floor(ms / unitMs) * unitMs;
}

export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Days since 1970-01-01 → proleptic Gregorian date (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function civilOf(wall: number): CivilDate {
  return civilFromDays(Math.floor(wall / DAY_MS));
}

/** Midnight (wall ms) of a date; month may be 13 to mean January of the next year. */
export function wallOfDate(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(wall: number): number {
  return mod(Math.floor(wall / DAY_MS) + 4, 7);
}

export function hourOf(wall: number): number {
  return mod(Math.floor(wall / HOUR_MS), 24);
}

export function minuteOf(wall: number): number {
  return mod(Math.floor(wall / MINUTE_MS), 60);
}

export function secondOf(wall: number): number {
  return mod(Math.floor(wall / SECOND_MS), 60);
}

export function yearOf(wall: number): number {
  return civilOf(wall).year;
}
