import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ScheduleKind, isValidSchedule, nextOccurrence } from './index.js';

const at = (iso: string): number => Date.parse(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// §2.12: the grace period starts at the next occurrence and lasts `grace`; additions happen on UTC instants.
const examples: {
  name: string;
  kind: ScheduleKind;
  expr: string;
  tz: string;
  lastPing: string;
  graceMs: number;
  graceStart: string | null;
  downAt: string | null;
}[] = [
  {
    name: 'example B: daily cron in UTC',
    kind: 'cron',
    expr: '0 0 * * *',
    tz: 'UTC',
    lastPing: '2000-01-01T00:00:00Z',
    graceMs: HOUR,
    graceStart: '2000-01-02T00:00:00Z',
    downAt: '2000-01-02T01:00:00Z',
  },
  {
    name: 'example B: OnCalendar 00:00 behaves identically',
    kind: 'oncalendar',
    expr: '00:00',
    tz: 'UTC',
    lastPing: '2000-01-01T00:00:00Z',
    graceMs: HOUR,
    graceStart: '2000-01-02T00:00:00Z',
    downAt: '2000-01-02T01:00:00Z',
  },
  {
    name: 'example C: cron with zone (Australia/Brisbane)',
    kind: 'cron',
    expr: '0 10 * * *',
    tz: 'Australia/Brisbane',
    lastPing: '2000-01-01T00:00:00Z',
    graceMs: HOUR,
    graceStart: '2000-01-02T00:00:00Z',
    downAt: '2000-01-02T01:00:00Z',
  },
  {
    name: 'example D: hourly cron on the night clocks go back (Europe/Riga)',
    kind: 'cron',
    expr: '15 * * * *',
    tz: 'Europe/Riga',
    lastPing: '2023-10-29T00:55:00Z',
    graceMs: 5 * MINUTE,
    graceStart: '2023-10-29T01:15:00Z',
    downAt: '2023-10-29T01:20:00Z',
  },
  {
    name: 'example E: one-shot OnCalendar in the past never goes late',
    kind: 'oncalendar',
    expr: '2019-01-01',
    tz: 'UTC',
    lastPing: '2020-01-01T00:00:00Z',
    graceMs: HOUR,
    graceStart: null,
    downAt: null,
  },
];

for (const e of examples) {
  test(`grace window: ${e.name}`, () => {
    const graceStart = nextOccurrence(e.kind, e.expr, e.tz, at(e.lastPing));
    assert.equal(graceStart, e.graceStart === null ? null : at(e.graceStart));
    assert.equal(graceStart === null ? null : graceStart + e.graceMs, e.downAt === null ? null : at(e.downAt));
  });
}

test('example D: the check is still up at 01:05Z', () => {
  const graceStart = nextOccurrence('cron', '15 * * * *', 'Europe/Riga', at('2023-10-29T00:55:00Z'));
  assert.ok(graceStart !== null && at('2023-10-29T01:05:00Z') < graceStart);
});

const validity: { name: string; kind: ScheduleKind; expr: string; valid: boolean }[] = [
  { name: 'every minute', kind: 'cron', expr: '* * * * *', valid: true },
  { name: 'a yearly cron (next run 2001)', kind: 'cron', expr: '0 0 1 1 *', valid: true },
  { name: 'February 29th cron', kind: 'cron', expr: '0 0 29 2 *', valid: true },
  { name: 'fifth Monday', kind: 'cron', expr: '0 0 * * MON#5', valid: true },
  { name: 'cron that cannot match within 50 years', kind: 'cron', expr: '0 0 */29 2 5#5', valid: false },
  { name: 'API #84: bad-expression', kind: 'oncalendar', expr: 'bad-expression', valid: false },
  { name: 'API #84: six-field cron', kind: 'oncalendar', expr: '* * * * * *', valid: false },
  { name: 'API #84: six fields validated as cron', kind: 'cron', expr: '* * * * * *', valid: false },
  { name: 'API #88: a bare time', kind: 'oncalendar', expr: '12:34', valid: true },
  { name: 'API #88: a time and junk on a second line', kind: 'oncalendar', expr: '12:34\nsurprise', valid: false },
  {
    name: 'OnCalendar on the validation start itself has no later occurrence',
    kind: 'oncalendar',
    expr: '2000-01-01',
    valid: false,
  },
  { name: 'OnCalendar one second after the validation start', kind: 'oncalendar', expr: '2000-01-01 00:00:01', valid: true },
  { name: 'OnCalendar 2199-2-29', kind: 'oncalendar', expr: '2199-2-29', valid: false },
  { name: 'OnCalendar 1970 (two-digit year 70)', kind: 'oncalendar', expr: '70-01-01', valid: false },
  { name: 'OnCalendar with a line zone', kind: 'oncalendar', expr: 'Mon..Fri 09:00 Europe/Riga', valid: true },
];

for (const v of validity) {
  test(`isValidSchedule: ${v.name} → ${v.valid}`, () => {
    assert.equal(isValidSchedule(v.kind, v.expr), v.valid);
  });
}

test('an unknown time zone yields no occurrence rather than throwing', () => {
  assert.equal(nextOccurrence('cron', '* * * * *', 'Mars/Olympus_Mons', at('2024-01-01T00:00:00Z')), null);
});

test('a legacy zone alias evaluates like its canonical zone', () => {
  const after = at('2024-07-01T00:00:00Z');
  assert.equal(
    nextOccurrence('cron', '0 9 * * *', 'US/Eastern', after),
    nextOccurrence('cron', '0 9 * * *', 'America/New_York', after),
  );
});

test('a non-finite start yields no occurrence', () => {
  assert.equal(nextOccurrence('cron', '* * * * *', 'UTC', Number.NaN), null);
});

test('an invalid expression yields no occurrence', () => {
  assert.equal(nextOccurrence('cron', '0 0 31 2 *', 'UTC', at('2024-01-01T00:00:00Z')), null);
  assert.equal(nextOccurrence('oncalendar', 'Europe/Riga', 'UTC', at('2024-01-01T00:00:00Z')), null);
});

test('repeated calls give the same answer once the expression is cached', () => {
  const after = at('2024-01-01T00:00:00Z');
  const first = nextOccurrence('cron', '*/7 * * * *', 'Europe/Riga', after);
  for (let i = 0; i < 3; i++) assert.equal(nextOccurrence('cron', '*/7 * * * *', 'Europe/Riga', after), first);
});

test('the parse cache stays correct after more than 1000 distinct expressions', () => {
  const after = at('2024-01-01T00:00:00Z');
  for (let minute = 0; minute < 60; minute++) {
    for (let hour = 0; hour < 20; hour++) nextOccurrence('cron', `${minute} ${hour} * * *`, 'UTC', after);
  }
  assert.equal(nextOccurrence('cron', '5 3 * * *', 'UTC', after), at('2024-01-01T03:05:00Z'));
});
