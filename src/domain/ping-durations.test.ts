import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PingKind } from './classify-ping.js';
import {
  durationFromPrevious,
  MAX_DURATION_MS,
  pingDurations,
  planPingDurations,
  type DurationPing,
  type PreviousRunSignal,
} from './ping-durations.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const A = 'aaaaaaaa-0000-4000-8000-000000000000';
const B = 'bbbbbbbb-0000-4000-8000-000000000000';

/** `[kind, minutes, rid?]` in ascending order, numbered from `firstN`. */
function pings(rows: [PingKind, number, string?][], firstN = 1): DurationPing[] {
  return rows.map(([kind, minutes, rid], i) => ({ n: firstN + i, createdAt: minutes * MIN, kind, rid: rid ?? null }));
}

const seconds = (durations: Map<number, number>) =>
  Object.fromEntries([...durations].map(([n, ms]) => [n, ms / 1000] as const).sort((a, b) => a[0] - b[0]));

describe('per-ping durations from the fetched pings alone', () => {
  const cases: { name: string; rows: [PingKind, number, string?][]; firstN?: number; durations: Record<number, number> }[] = [
    {
      name: 'a success after a start gets the time between them',
      rows: [
        ['start', 0],
        ['success', 2],
      ],
      durations: { 2: 120 },
    },
    {
      name: 'a failure after a start gets a duration too',
      rows: [
        ['start', 0],
        ['fail', 1],
      ],
      durations: { 2: 60 },
    },
    {
      name: 'interleaved runs pair by rid (item 141)',
      rows: [
        ['start', 0, A],
        ['start', 1, B],
        ['success', 2, A],
        ['success', 6, B],
      ],
      durations: { 3: 120, 4: 300 },
    },
    {
      name: 'a null rid pairs only with a null rid',
      rows: [
        ['start', 0, A],
        ['start', 1],
        ['success', 3],
      ],
      durations: { 3: 120 },
    },
    {
      name: 'log and ignored pings in between are skipped',
      rows: [
        ['start', 0],
        ['log', 1],
        ['ign', 2],
        ['success', 5],
      ],
      durations: { 4: 300 },
    },
    {
      name: 'a second completion of the same run has no duration',
      rows: [
        ['start', 0],
        ['success', 1],
        ['success', 2],
      ],
      durations: { 2: 60 },
    },
    {
      name: 'a later start replaces the pending one',
      rows: [
        ['start', 0],
        ['start', 10],
        ['fail', 12],
      ],
      durations: { 3: 120 },
    },
    {
      name: 'a start 72 hours or more before its completion pairs with nothing',
      rows: [
        ['start', 0],
        ['success', 72 * 60],
        ['start', 72 * 60 + 1],
        ['success', 72 * 60 + 1 + 72 * 60 - 1],
      ],
      durations: { 4: 72 * 3600 - 60 },
    },
    {
      name: 'starts and logs never have durations',
      rows: [
        ['start', 0],
        ['start', 1],
        ['log', 2],
      ],
      durations: {},
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plan = planPingDurations(pings(c.rows, c.firstN).reverse());
      assert.equal(plan.omitted, false);
      assert.deepEqual(seconds(pingDurations(plan, new Map())), c.durations);
    });
  }
});

describe('completions the fetched pings do not explain', () => {
  test('need one lookup each, except the very first ping of a check', () => {
    const plan = planPingDurations(
      pings([
        ['success', 0],
        ['success', 1, A],
        ['start', 2, B],
        ['success', 3, B],
      ]),
    );
    assert.ok(!plan.omitted);
    assert.deepEqual(
      plan.lookups.map((p) => p.n),
      [2],
    );
  });

  test('need no lookup once the window already reaches 72 hours back', () => {
    const plan = planPingDurations(
      pings(
        [
          ['log', 0],
          ['success', 72 * 60 - 1, A],
          ['success', 72 * 60, B],
        ],
        50,
      ),
    );
    assert.ok(!plan.omitted);
    assert.deepEqual(
      plan.lookups.map((p) => p.n),
      [51],
    );
  });

  test('take their duration from a previous start found by the lookup', () => {
    const rows = pings([['success', 90, A]], 7);
    const plan = planPingDurations(rows);
    const found = new Map<number, PreviousRunSignal>([[7, { kind: 'start', createdAt: 30 * MIN }]]);
    assert.deepEqual(seconds(pingDurations(plan, found)), { 7: 3600 });
  });

  const lookupCases: { name: string; previous: PreviousRunSignal | undefined; n?: number; durationMs: number | undefined }[] = [
    { name: 'a start within 72 hours', previous: { kind: 'start', createdAt: 0 }, durationMs: 5 * HOUR },
    { name: 'a completion of the same run', previous: { kind: 'success', createdAt: 0 }, durationMs: undefined },
    { name: 'a failure of the same run', previous: { kind: 'fail', createdAt: 0 }, durationMs: undefined },
    { name: 'nothing', previous: undefined, durationMs: undefined },
    { name: 'a start on the very first ping', previous: { kind: 'start', createdAt: 0 }, n: 1, durationMs: undefined },
  ];
  for (const c of lookupCases) {
    test(`a lookup finding ${c.name} gives ${c.durationMs === undefined ? 'no duration' : 'a duration'}`, () => {
      const ping: DurationPing = { n: c.n ?? 9, createdAt: 5 * HOUR, kind: 'success', rid: null };
      assert.equal(durationFromPrevious(ping, c.previous), c.durationMs);
    });
  }

  test('a lookup accepts a start exactly 72 hours back, as its query window does', () => {
    const ping: DurationPing = { n: 3, createdAt: MAX_DURATION_MS, kind: 'fail', rid: null };
    assert.equal(durationFromPrevious(ping, { kind: 'start', createdAt: 0 }), MAX_DURATION_MS);
  });

  test('more than 10 of them omit every duration in the response (item 142)', () => {
    const eleven = pings([
      ['start', 0],
      ['success', 1],
      ...Array.from({ length: 11 }, (_, i): [PingKind, number, string] => [
        'success',
        2 + i,
        `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ]),
    ]);
    assert.deepEqual(planPingDurations(eleven), { omitted: true });
    assert.deepEqual(pingDurations({ omitted: true }, new Map()), new Map());
  });

  test('exactly 10 of them are still looked up', () => {
    const ten = pings(
      Array.from({ length: 10 }, (_, i): [PingKind, number, string] => [
        'success',
        i,
        `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ]),
      2,
    );
    const plan = planPingDurations(ten);
    assert.ok(!plan.omitted);
    assert.equal(plan.lookups.length, 10);
  });

  test('the very first ping counts towards the limit although it needs no query', () => {
    const eleven = pings(
      Array.from({ length: 11 }, (_, i): [PingKind, number, string] => [
        'success',
        i,
        `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ]),
    );
    assert.deepEqual(planPingDurations(eleven), { omitted: true });
  });
});
