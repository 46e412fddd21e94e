import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckTiming } from './check.js';
import { goingDownAfter, nextPingAt, statusAt } from './status.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

const simple = (over: Partial<CheckTiming> = {}): CheckTiming => ({
  kind: 'simple',
  timeoutSeconds: 86_400,
  graceSeconds: 3_600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'up',
  lastPingAt: NOW,
  lastStartAt: null,
  ...over,
});

test('computed status follows grace and timeout (spec §15 item 165)', () => {
  const cases: Array<[string, Partial<CheckTiming>, string]> = [
    ['pinged just now', { lastPingAt: NOW }, 'up'],
    ['pinged 1 day 30 min ago', { lastPingAt: NOW - DAY - 30 * MIN }, 'grace'],
    ['pinged 2 days ago', { lastPingAt: NOW - 2 * DAY }, 'down'],
    ['paused, pinged 2 days ago', { status: 'paused', lastPingAt: NOW - 2 * DAY }, 'paused'],
    ['stored down, pinged 1 min ago', { status: 'down', lastPingAt: NOW - MIN }, 'down'],
    ['new', { status: 'new', lastPingAt: null }, 'new'],
    ['exactly at the deadline', { lastPingAt: NOW - DAY - HOUR }, 'down'],
    ['one ms before the deadline', { lastPingAt: NOW - DAY - HOUR + 1 }, 'grace'],
    ['exactly when due', { lastPingAt: NOW - DAY }, 'grace'],
  ];
  for (const [name, over, expected] of cases) assert.equal(statusAt(simple(over), NOW), expected, name);
});

test('a running check reads started in v1 only, then down once grace passes (items 166, 167)', () => {
  for (const status of ['new', 'paused', 'up', 'down'] as const) {
    const c = simple({ status, lastStartAt: NOW - 5 * MIN });
    assert.equal(statusAt(c, NOW, true), 'started', status);
  }
  assert.equal(statusAt(simple({ status: 'down', lastPingAt: NOW - 2 * DAY, lastStartAt: NOW - 2 * HOUR }), NOW, true), 'down');
  assert.equal(statusAt(simple({ lastPingAt: NOW - 3 * HOUR, lastStartAt: NOW - 2 * HOUR }), NOW), 'down');
  assert.equal(statusAt(simple({ status: 'paused', lastStartAt: NOW - 2 * HOUR }), NOW), 'down');
  assert.equal(statusAt(simple({ status: 'new', lastPingAt: null, lastStartAt: NOW - 2 * HOUR }), NOW), 'down');
  assert.equal(statusAt(simple({ status: 'down', lastStartAt: NOW - 5 * MIN }), NOW), 'down', 'v2/v3 keep the stored status');
});

test('alert_after per spec §2.4 (item 168)', () => {
  assert.equal(goingDownAfter(simple({ status: 'new', lastPingAt: null })), null);
  assert.equal(goingDownAfter(simple({ status: 'paused', lastPingAt: NOW - 2 * DAY })), null);
  assert.equal(goingDownAfter(simple({ lastPingAt: NOW - HOUR })), NOW - HOUR + DAY + HOUR);
  assert.equal(goingDownAfter(simple({ status: 'paused', lastStartAt: NOW - 2 * DAY })), NOW - 2 * DAY + HOUR);
  assert.equal(goingDownAfter(simple({ status: 'down', lastStartAt: NOW })), null);
});

test('next_ping: a running check reports its start, a cron check its next fire (items 169, F)', () => {
  assert.equal(nextPingAt(simple({ lastStartAt: NOW })), NOW);
  const cron = simple({ kind: 'cron', schedule: '0 * * * *', lastPingAt: Date.UTC(2000, 0, 1) });
  assert.equal(nextPingAt(cron), Date.UTC(2000, 0, 1, 1));
});

test('worked example A: a simple check through grace into down', () => {
  const c = simple({ timeoutSeconds: 3_600, graceSeconds: 900, lastPingAt: Date.UTC(2026, 0, 1, 10) });
  assert.equal(goingDownAfter(c), Date.UTC(2026, 0, 1, 11, 15));
  assert.equal(statusAt(c, Date.UTC(2026, 0, 1, 10, 59, 59)), 'up');
  assert.equal(statusAt(c, Date.UTC(2026, 0, 1, 11)), 'grace');
  assert.equal(statusAt(c, Date.UTC(2026, 0, 1, 11, 15)), 'down');
});

test('worked examples B and E: daily cron, and a one-shot OnCalendar that never goes late', () => {
  const b = simple({ kind: 'cron', schedule: '0 0 * * *', lastPingAt: Date.UTC(2000, 0, 1) });
  assert.equal(statusAt(b, Date.UTC(2000, 0, 1, 23, 59)), 'up');
  assert.equal(statusAt(b, Date.UTC(2000, 0, 2, 0, 0)), 'grace');
  assert.equal(statusAt(b, Date.UTC(2000, 0, 2, 1, 0)), 'down');
  const onc = { ...b, kind: 'oncalendar' as const, schedule: '00:00' };
  assert.equal(statusAt(onc, Date.UTC(2000, 0, 2, 1, 0)), 'down');
  const e = simple({ kind: 'oncalendar', schedule: '2019-01-01', lastPingAt: Date.UTC(2020, 0, 1) });
  assert.equal(nextPingAt(e), null);
  assert.equal(goingDownAfter(e), null);
  assert.equal(statusAt(e, Date.UTC(2030, 0, 1)), 'up');
});

test('worked example C: cron in Australia/Brisbane', () => {
  const c = simple({ kind: 'cron', schedule: '0 10 * * *', tz: 'Australia/Brisbane', lastPingAt: Date.UTC(2000, 0, 1) });
  assert.equal(nextPingAt(c), Date.UTC(2000, 0, 2));
  assert.equal(statusAt(c, Date.UTC(2000, 0, 2, 0, 59)), 'grace');
  assert.equal(statusAt(c, Date.UTC(2000, 0, 2, 1)), 'down');
});

test('worked example D: hourly cron across the Riga fall-back stays up', () => {
  const c = simple({
    kind: 'cron',
    schedule: '15 * * * *',
    tz: 'Europe/Riga',
    graceSeconds: 300,
    lastPingAt: Date.UTC(2023, 9, 29, 0, 55),
  });
  assert.equal(nextPingAt(c), Date.UTC(2023, 9, 29, 1, 15));
  assert.equal(statusAt(c, Date.UTC(2023, 9, 29, 1, 5)), 'up');
});
