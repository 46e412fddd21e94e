import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextReportAt } from './report-schedule.js';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

test('monthly reports go out on the next 1st at 09:00 plus the offset (UTC)', () => {
  // Healthchecks' test: 2020-01-13 02:00 UTC → 2020-02-01
  assert.equal(nextReportAt('monthly', 'UTC', utc(2020, 1, 13, 2), 0), utc(2020, 2, 1, 9));
  assert.equal(nextReportAt('monthly', 'UTC', utc(2020, 1, 13, 2), 119), utc(2020, 2, 1, 10, 59));
  assert.equal(nextReportAt('monthly', 'UTC', utc(2019, 12, 31, 23, 59), 5), utc(2020, 1, 1, 9, 5));
});

test('"next" is strict: on the 1st itself, even before 09:00, the report is a month later', () => {
  assert.equal(nextReportAt('monthly', 'UTC', utc(2020, 2, 1, 3), 0), utc(2020, 3, 1, 9));
});

test('weekly reports go out on the next Monday', () => {
  // 2020-01-13 is a Monday
  assert.equal(nextReportAt('weekly', 'UTC', utc(2020, 1, 13, 2), 30), utc(2020, 1, 20, 9, 30));
  assert.equal(nextReportAt('weekly', 'UTC', utc(2020, 1, 12, 23), 0), utc(2020, 1, 13, 9));
});

test('daily reports go out the next day', () => {
  assert.equal(nextReportAt('daily', 'UTC', utc(2020, 1, 13, 2), 45), utc(2020, 1, 14, 9, 45));
});

test('the hour is local to the user tz, across a DST change', () => {
  // Sunday 2020-03-29 Riga switches from +02:00 to +03:00; 09:00 local on Monday is 06:00 UTC.
  assert.equal(nextReportAt('weekly', 'Europe/Riga', utc(2020, 3, 25, 12), 0), utc(2020, 3, 30, 6));
  assert.equal(nextReportAt('daily', 'Europe/Riga', utc(2020, 3, 28, 12), 0), utc(2020, 3, 29, 6));
  assert.equal(nextReportAt('daily', 'Europe/Riga', utc(2020, 3, 27, 12), 0), utc(2020, 3, 28, 7));
});

test('in New York, Sunday evening (already Monday in UTC) schedules for the coming Monday', () => {
  // 2020-01-13 02:00 UTC is Sunday 21:00 in New York
  assert.equal(nextReportAt('weekly', 'America/New_York', utc(2020, 1, 13, 2), 0), utc(2020, 1, 13, 14));
});

test('the offset is clamped to 0–119 minutes and an unknown tz means UTC', () => {
  assert.equal(nextReportAt('daily', 'UTC', utc(2020, 1, 13), 500), utc(2020, 1, 14, 10, 59));
  assert.equal(nextReportAt('daily', 'UTC', utc(2020, 1, 13), -3), utc(2020, 1, 14, 9));
  assert.equal(nextReportAt('daily', 'Nowhere/Atlantis', utc(2020, 1, 13), 0), utc(2020, 1, 14, 9));
});
