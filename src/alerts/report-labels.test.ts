import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approxDuration, downtimeCell, periodHeading, reportWhen } from './report-labels.js';

const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

test('approximate durations keep the two largest units (Appendix A)', () => {
  const cases: Array<[number, string]> = [
    [0, '0 sec'],
    [3_000, '3 sec'],
    [65_000, '1 min 5 sec'],
    [3_600_000, '1 h 0 min'],
    [3 * 3_600_000 + 5 * 60_000 + 7_000, '3 h 5 min'],
    [86_400_000 + 2 * 3_600_000, '1 day 2 h'],
    [16 * 86_400_000, '16 days 0 h'],
  ];
  for (const [ms, text] of cases) assert.equal(approxDuration(ms), text, String(ms));
});

test('column headings follow Healthchecks: AP months, week ranges, full day names', () => {
  assert.equal(periodHeading('monthly', utc(2019, 11, 1), 'UTC'), 'Nov. 2019');
  assert.equal(periodHeading('monthly', utc(2019, 6, 1), 'UTC'), 'June 2019');
  assert.equal(periodHeading('monthly', utc(2019, 9, 1), 'UTC'), 'Sept. 2019');
  assert.equal(periodHeading('weekly', utc(2019, 12, 30), 'UTC'), 'Dec 30 - Jan 5');
  assert.equal(periodHeading('daily', utc(2020, 1, 12), 'UTC'), 'January 12');
  // the boundary is shown in the user's tz: 2019-11-30 22:00 UTC is Dec 1 in Riga
  assert.equal(periodHeading('monthly', utc(2019, 11, 30, 22), 'Europe/Riga'), 'Dec. 2019');
});

test('the summary names the period it looks back on', () => {
  assert.equal(reportWhen('monthly', utc(2019, 12, 1), 'UTC'), 'In December');
  assert.equal(reportWhen('weekly', utc(2020, 1, 6), 'UTC'), 'Last week (January 6 to January 12)');
  assert.equal(reportWhen('daily', utc(2020, 1, 12), 'UTC'), 'Yesterday (January 12)');
});

test('downtime cells: counts and totals, All good!, or blank before the check existed', () => {
  assert.equal(
    downtimeCell({ boundary: 0, noData: false, durationMs: 7_200_000, count: 2 }, '\n'),
    '2 downtimes,\n2 h 0 min total',
  );
  assert.equal(downtimeCell({ boundary: 0, noData: false, durationMs: 60_000, count: 1 }, ' '), '1 downtime, 1 min 0 sec total');
  assert.equal(downtimeCell({ boundary: 0, noData: false, durationMs: 0, count: 0 }, ' '), 'All good!');
  assert.equal(downtimeCell({ boundary: 0, noData: true, durationMs: 0, count: 0 }, ' '), '');
});
