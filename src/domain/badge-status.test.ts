import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComputedStatus } from './check.js';
import {
  checksTagged,
  statesOfNumber,
  summarizeBadge,
  summarizeCheckBadge,
  summarizeStatuses,
  type BadgeCheck,
  type BadgeSummary,
} from './badge-status.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

const check = (over: Partial<BadgeCheck> = {}): BadgeCheck => ({
  kind: 'simple',
  timeoutSeconds: 86_400,
  graceSeconds: 3_600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'up',
  lastPingAt: NOW - MIN,
  lastStartAt: null,
  tags: '',
  ...over,
});

const up = check();
const late = check({ lastPingAt: NOW - DAY - 10 * MIN });
const down = check({ lastPingAt: NOW - 2 * DAY });

const summary = (status: BadgeSummary['status'], total: number, grace: number, downs: number): BadgeSummary => ({
  status,
  total,
  grace,
  down: downs,
});

test('folds statuses: down wins, grace is late only in 3-state, the rest count as up (spec §6.2)', () => {
  const cases: Array<[string, ComputedStatus[], BadgeSummary, BadgeSummary]> = [
    ['no checks', [], summary('up', 0, 0, 0), summary('up', 0, 0, 0)],
    ['new, paused and up', ['new', 'paused', 'up'], summary('up', 3, 0, 0), summary('up', 3, 0, 0)],
    ['one in grace', ['up', 'grace'], summary('up', 2, 1, 0), summary('late', 2, 1, 0)],
    ['grace then down', ['grace', 'down'], summary('down', 2, 1, 1), summary('down', 2, 1, 1)],
    ['down then grace', ['down', 'grace', 'grace'], summary('down', 3, 2, 1), summary('down', 3, 2, 1)],
    ['two down', ['down', 'up', 'down'], summary('down', 3, 0, 2), summary('down', 3, 0, 2)],
  ];
  for (const [name, statuses, two, three] of cases) {
    assert.deepEqual(summarizeStatuses(statuses, 2), two, `${name} (2-state)`);
    assert.deepEqual(summarizeStatuses(statuses, 3), three, `${name} (3-state)`);
  }
});

test('a tag badge covers checks whose tag list holds the tag exactly; * covers all', () => {
  const checks = [
    { tags: 'foo bar', id: 1 },
    { tags: ' foo ', id: 2 },
    { tags: 'foobar a1-foo', id: 3 },
    { tags: 'bar,foo', id: 4 },
    { tags: 'Foo', id: 5 },
    { tags: '', id: 6 },
  ];
  const ids = (tag: string) => checksTagged(checks, tag).map((c) => c.id);
  assert.deepEqual(ids('foo'), [1, 2]);
  assert.deepEqual(ids('bar,foo'), [4]);
  assert.deepEqual(ids('Foo'), [5]);
  assert.deepEqual(ids('fo'), []);
  assert.deepEqual(ids('*'), [1, 2, 3, 4, 5, 6]);
});

test('computes each check with with_started = false at the given instant', () => {
  const cases: Array<[string, BadgeCheck, BadgeSummary, BadgeSummary]> = [
    ['new', check({ status: 'new', lastPingAt: null }), summary('up', 1, 0, 0), summary('up', 1, 0, 0)],
    ['paused long ago', check({ status: 'paused', lastPingAt: NOW - 9 * DAY }), summary('up', 1, 0, 0), summary('up', 1, 0, 0)],
    ['up', up, summary('up', 1, 0, 0), summary('up', 1, 0, 0)],
    ['late (1 day 10 min ago)', late, summary('up', 1, 1, 0), summary('late', 1, 1, 0)],
    ['down by time, stored up', down, summary('down', 1, 0, 1), summary('down', 1, 0, 1)],
    ['stored down, running', check({ status: 'down', lastStartAt: NOW }), summary('down', 1, 0, 1), summary('down', 1, 0, 1)],
    [
      'late and running',
      check({ lastPingAt: NOW - DAY - 10 * MIN, lastStartAt: NOW }),
      summary('up', 1, 1, 0),
      summary('late', 1, 1, 0),
    ],
    [
      'new, running within grace',
      check({ status: 'new', lastPingAt: null, lastStartAt: NOW - 5 * MIN }),
      summary('up', 1, 0, 0),
      summary('up', 1, 0, 0),
    ],
    ['running past its grace', check({ lastStartAt: NOW - 2 * HOUR }), summary('down', 1, 0, 1), summary('down', 1, 0, 1)],
  ];
  for (const [name, c, two, three] of cases) {
    assert.deepEqual(summarizeBadge([c], '*', NOW, 2), two, `${name} (2-state)`);
    assert.deepEqual(summarizeBadge([c], '*', NOW, 3), three, `${name} (3-state)`);
    assert.deepEqual(summarizeCheckBadge(c, NOW, 2), two, `${name} (check, 2-state)`);
    assert.deepEqual(summarizeCheckBadge(c, NOW, 3), three, `${name} (check, 3-state)`);
  }
});

test('aggregates a tag over a mixed project', () => {
  const checks = [
    { ...up, tags: 'foo' },
    { ...late, tags: 'foo bar' },
    { ...down, tags: 'bar' },
  ];
  assert.deepEqual(summarizeBadge(checks, 'foo', NOW, 3), summary('late', 2, 1, 0));
  assert.deepEqual(summarizeBadge(checks, 'foo', NOW, 2), summary('up', 2, 1, 0));
  assert.deepEqual(summarizeBadge(checks, 'bar', NOW, 3), summary('down', 2, 1, 1));
  assert.deepEqual(summarizeBadge(checks, '*', NOW, 3), summary('down', 3, 1, 1));
  assert.deepEqual(summarizeBadge(checks, 'none', NOW, 3), summary('up', 0, 0, 0));
});

test('/b/3/ is 3-state, any other number 2-state', () => {
  assert.equal(statesOfNumber(3), 3);
  for (const n of [0, 1, 2, 4, 33, Infinity]) assert.equal(statesOfNumber(n), 2, String(n));
});
