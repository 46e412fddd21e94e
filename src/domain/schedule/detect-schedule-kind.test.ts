import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectScheduleKind } from './index.js';

const cases: { name: string; expr: string; kind: 'cron' | 'oncalendar' }[] = [
  { name: 'five fields are cron', expr: '* * * * *', kind: 'cron' },
  { name: 'five fields with surrounding whitespace are cron', expr: '  0 9 * * 1-5 \n', kind: 'cron' },
  { name: 'five fields separated by tabs are cron', expr: '0\t9\t*\t*\t*', kind: 'cron' },
  { name: 'five fields over two lines are OnCalendar', expr: '0 9 *\n* *', kind: 'oncalendar' },
  { name: 'six fields are OnCalendar (and then invalid)', expr: '* * * * * *', kind: 'oncalendar' },
  { name: 'four fields are OnCalendar', expr: '* * * *', kind: 'oncalendar' },
  { name: 'a bare time is OnCalendar', expr: '12:34', kind: 'oncalendar' },
  { name: 'a shorthand is OnCalendar', expr: 'daily', kind: 'oncalendar' },
  { name: 'several OnCalendar lines are OnCalendar', expr: '08:00\n20:00', kind: 'oncalendar' },
  { name: 'an empty string is OnCalendar (and then invalid)', expr: '', kind: 'oncalendar' },
];

for (const c of cases) {
  test(`detects kind: ${c.name}`, () => {
    assert.equal(detectScheduleKind(c.expr), c.kind);
  });
}
