import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidSchedule, nextOccurrence } from './index.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));

/** Follows one schedule from `after`, returning up to `count` successive occurrences. */
function occurrences(expr: string, tz: string, after: string, count: number): (string | null)[] {
  const result: (string | null)[] = [];
  let cursor: number | null = at(after);
  for (let i = 0; i < count && cursor !== null; i++) {
    cursor = nextOccurrence('cron', expr, tz, cursor);
    result.push(iso(cursor));
  }
  return result;
}

// Expected values were cross-checked against cronsim 2.x (the library Healthchecks uses).
const cases: { name: string; expr: string; tz: string; after: string; next: (string | null)[] }[] = [
  // §2.12 worked examples and §2.2
  {
    name: 'daily cron in UTC is next due at midnight (example B)',
    expr: '0 0 * * *',
    tz: 'UTC',
    after: '2000-01-01T00:00:00Z',
    next: ['2000-01-02T00:00:00Z'],
  },
  {
    name: 'cron with zone fires at local 10:00 (Australia/Brisbane, example C)',
    expr: '0 10 * * *',
    tz: 'Australia/Brisbane',
    after: '2000-01-01T00:00:00Z',
    next: ['2000-01-02T00:00:00Z'],
  },
  {
    name: 'hourly cron keeps firing on real time when clocks go back (example D)',
    expr: '15 * * * *',
    tz: 'Europe/Riga',
    after: '2023-10-29T00:55:00Z',
    next: ['2023-10-29T01:15:00Z', '2023-10-29T02:15:00Z'],
  },
  {
    name: 'hourly cron from a ping on the hour is due an hour later (API #169)',
    expr: '0 * * * *',
    tz: 'UTC',
    after: '2000-01-01T00:00:00Z',
    next: ['2000-01-01T01:00:00Z'],
  },
  {
    name: 'seconds of the start instant are dropped',
    expr: '* * * * *',
    tz: 'UTC',
    after: '2024-01-01T10:00:59.999Z',
    next: ['2024-01-01T10:01:00Z'],
  },
  {
    name: 'a fractional-hour zone keeps its offset (Asia/Kolkata)',
    expr: '0 10 * * *',
    tz: 'Asia/Kolkata',
    after: '2024-05-01T04:29:59Z',
    next: ['2024-05-01T04:30:00Z'],
  },

  // DST with specific minute and hour: Debian cron wall-clock rules
  {
    name: 'a time in the spring-forward gap moves to the first existing minute (Europe/Riga)',
    expr: '30 3 * * *',
    tz: 'Europe/Riga',
    after: '2023-03-25T12:00:00Z',
    next: ['2023-03-26T01:00:00Z', '2023-03-27T00:30:00Z'],
  },
  {
    name: 'a time in the spring-forward gap moves to the first existing minute (America/New_York)',
    expr: '30 2 * * *',
    tz: 'America/New_York',
    after: '2024-03-09T12:00:00Z',
    next: ['2024-03-10T07:00:00Z', '2024-03-11T06:30:00Z'],
  },
  {
    name: 'a repeated time runs once, at its first occurrence (Europe/Riga)',
    expr: '30 3 * * *',
    tz: 'Europe/Riga',
    after: '2023-10-28T12:00:00Z',
    next: ['2023-10-29T00:30:00Z', '2023-10-30T01:30:00Z'],
  },
  {
    name: 'a repeated time runs once, at its first occurrence (America/New_York)',
    expr: '30 1 * * *',
    tz: 'America/New_York',
    after: '2024-11-03T05:30:00Z',
    next: ['2024-11-04T06:30:00Z'],
  },
  // cronsim would answer 00:30Z (before the start); Debian runs nothing more that night.
  {
    name: 'a ping during the second pass of the repeated hour waits for the next day',
    expr: '30 3 * * *',
    tz: 'Europe/Riga',
    after: '2023-10-29T01:10:00Z',
    next: ['2023-10-30T01:30:00Z'],
  },
  {
    name: 'a ping during the second pass waits for the next day (America/New_York)',
    expr: '30 1 * * *',
    tz: 'America/New_York',
    after: '2024-11-03T06:10:00Z',
    next: ['2024-11-04T06:30:00Z'],
  },

  // `*` in minute or hour: real elapsed time through transitions
  {
    name: 'every-15-minutes cron fires through the autumn transition (Europe/Riga)',
    expr: '*/15 * * * *',
    tz: 'Europe/Riga',
    after: '2023-10-29T00:50:00Z',
    next: ['2023-10-29T01:00:00Z', '2023-10-29T01:15:00Z'],
  },
  {
    name: 'every-15-minutes cron fires through the spring transition (Europe/Riga)',
    expr: '*/15 * * * *',
    tz: 'Europe/Riga',
    after: '2023-03-26T00:50:00Z',
    next: ['2023-03-26T01:00:00Z', '2023-03-26T01:15:00Z'],
  },
  {
    name: 'every-15-minutes cron fires through the autumn transition (America/New_York)',
    expr: '*/15 * * * *',
    tz: 'America/New_York',
    after: '2024-11-03T05:50:00Z',
    next: ['2024-11-03T06:00:00Z', '2024-11-03T06:15:00Z'],
  },
  {
    name: 'every-15-minutes cron fires through the spring transition (America/New_York)',
    expr: '*/15 * * * *',
    tz: 'America/New_York',
    after: '2024-03-10T06:50:00Z',
    next: ['2024-03-10T07:00:00Z', '2024-03-10T07:15:00Z'],
  },

  // day-of-month and day-of-week forms
  {
    name: 'L is the last day of the month',
    expr: '0 0 L * *',
    tz: 'UTC',
    after: '2024-02-10T00:00:00Z',
    next: ['2024-02-29T00:00:00Z', '2024-03-31T00:00:00Z'],
  },
  {
    name: 'LW is the last weekday of the month (month ending on a Saturday)',
    expr: '0 0 LW * *',
    tz: 'UTC',
    after: '2024-08-01T00:00:00Z',
    next: ['2024-08-30T00:00:00Z', '2024-09-30T00:00:00Z'],
  },
  {
    name: 'LW is the last weekday of the month (month ending on a Sunday)',
    expr: '0 0 LW * *',
    tz: 'UTC',
    after: '2024-06-01T00:00:00Z',
    next: ['2024-06-28T00:00:00Z'],
  },
  {
    name: 'a step on LW is ignored',
    expr: '0 0 LW/2 * *',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-31T00:00:00Z'],
  },
  {
    name: '5L is the last Friday of the month',
    expr: '0 0 * * 5L',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-26T00:00:00Z', '2024-02-23T00:00:00Z'],
  },
  {
    name: '0L is the last Sunday of the month',
    expr: '0 0 * * 0L',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-28T00:00:00Z'],
  },
  {
    name: 'MON#2 is the second Monday',
    expr: '0 0 * * MON#2',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-08T00:00:00Z', '2024-02-12T00:00:00Z'],
  },
  {
    name: 'SUN#5 skips months without a fifth Sunday',
    expr: '0 0 * * SUN#5',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-03-31T00:00:00Z', '2024-06-30T00:00:00Z'],
  },
  {
    name: 'specific day-of-month and day-of-week match either (OR)',
    expr: '0 0 13 * FRI',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-05T00:00:00Z', '2024-01-12T00:00:00Z', '2024-01-13T00:00:00Z'],
  },
  {
    name: 'a day field starting with * makes both match (AND)',
    expr: '0 0 */2 * MON',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-15T00:00:00Z', '2024-01-29T00:00:00Z'],
  },
  {
    name: 'names are case-insensitive',
    expr: '0 12 * jan-mar mon-fri',
    tz: 'UTC',
    after: '2024-03-29T12:00:00Z',
    next: ['2025-01-01T12:00:00Z'],
  },
  {
    name: 'day-of-week 7 is Sunday',
    expr: '0 0 * * 7',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-07T00:00:00Z'],
  },
  {
    name: 'x/n steps from x to the field maximum',
    expr: '5/20 * * * *',
    tz: 'UTC',
    after: '2024-01-01T00:06:00Z',
    next: ['2024-01-01T00:25:00Z', '2024-01-01T00:45:00Z', '2024-01-01T01:05:00Z'],
  },
  {
    name: 'a stepped weekday name counts up to 7 (Sunday)',
    expr: '0 0 * * MON/2',
    tz: 'UTC',
    after: '2024-01-01T00:00:00Z',
    next: ['2024-01-03T00:00:00Z', '2024-01-05T00:00:00Z', '2024-01-07T00:00:00Z'],
  },
  {
    name: 'day 31 only matches months that have it',
    expr: '0 0 31 1,2 *',
    tz: 'UTC',
    after: '2024-02-01T00:00:00Z',
    next: ['2025-01-31T00:00:00Z'],
  },
  {
    name: 'no match within 50 years means no next occurrence',
    expr: '0 0 */29 2 5#5',
    tz: 'UTC',
    after: '2000-01-01T00:00:00Z',
    next: [null],
  },
];

for (const c of cases) {
  test(c.name, () => {
    assert.deepEqual(occurrences(c.expr, c.tz, c.after, c.next.length), c.next);
  });
}

const invalid: { name: string; expr: string }[] = [
  { name: 'day 31 in February', expr: '0 0 31 2 *' },
  { name: 'day 30 in February', expr: '0 0 30 2 *' },
  { name: 'day 31 in 30-day months only', expr: '0 0 31 4,6 *' },
  { name: 'hour 61', expr: '1,2 61 * * *' },
  { name: 'six fields', expr: '* * * * * *' },
  { name: 'four fields', expr: '* * * *' },
  { name: 'a descending range', expr: '5-1 * * * *' },
  { name: 'a zero step', expr: '*/0 * * * *' },
  { name: 'day-of-week 8', expr: '0 0 * * 8' },
  { name: 'a sixth weekday of the month', expr: '0 0 * * MON#6' },
  { name: 'L on a weekday name', expr: '0 0 * * FRIL' },
  { name: 'W outside LW', expr: '0 0 15W * *' },
  { name: 'an empty list item', expr: '1,,2 * * * *' },
];

for (const c of invalid) {
  test(`rejects ${c.name}: ${JSON.stringify(c.expr)}`, () => {
    assert.equal(isValidSchedule('cron', c.expr), false);
    assert.equal(nextOccurrence('cron', c.expr, 'UTC', at('2024-01-01T00:00:00Z')), null);
  });
}
