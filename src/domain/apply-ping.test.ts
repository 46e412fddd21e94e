import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPing, type IncomingPing } from './apply-ping.js';
import { DEFAULT_FILTERS, type CheckState } from './check.js';

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 0, 1, 12);
const A = 'aaaaaaaa-0000-4000-8000-000000000000';
const B = 'bbbbbbbb-0000-4000-8000-000000000000';

const state = (over: Partial<CheckState> = {}): CheckState => ({
  id: 1,
  kind: 'simple',
  timeoutSeconds: 86_400,
  graceSeconds: 3_600,
  schedule: '* * * * *',
  tz: 'UTC',
  status: 'new',
  lastPingAt: null,
  lastStartAt: null,
  ...DEFAULT_FILTERS,
  nPings: 0,
  lastStartRid: null,
  lastDurationMs: null,
  hasConfirmationLink: false,
  alertAfter: null,
  version: 0,
  ...over,
});
const ping = (over: Partial<IncomingPing> = {}): IncomingPing => ({
  kind: 'success',
  at: AT,
  rid: null,
  mentionsConfirmation: false,
  ...over,
});

test('flips: which transitions a ping records, and with what reason', () => {
  const cases: Array<[CheckState['status'], IncomingPing['kind'], [string, string, string] | null]> = [
    ['new', 'success', ['new', 'up', '']],
    ['paused', 'success', ['paused', 'up', '']],
    ['down', 'success', ['down', 'up', '']],
    ['up', 'success', null],
    ['new', 'fail', ['new', 'down', 'fail']],
    ['up', 'fail', ['up', 'down', 'fail']],
    ['paused', 'fail', ['paused', 'down', 'fail']],
    ['down', 'fail', null],
    ['up', 'start', null],
    ['up', 'log', null],
    ['new', 'ign', null],
  ];
  for (const [status, kind, expected] of cases) {
    const { flip } = applyPing(state({ status, lastPingAt: status === 'new' ? null : AT - HOUR }), ping({ kind }));
    assert.deepEqual(flip && [flip.oldStatus, flip.newStatus, flip.reason], expected, `${status} + ${kind}`);
  }
});

test('runs and durations (spec §2.6)', () => {
  const running = (rid: string | null) =>
    state({ status: 'up', lastPingAt: AT - 2 * HOUR, lastStartAt: AT - HOUR, lastStartRid: rid });
  const cases: Array<[string, CheckState, IncomingPing, number | null, number | null]> = [
    ['same null rid ends the run', running(null), ping(), null, HOUR],
    ['same rid ends the run', running(A), ping({ rid: A }), null, HOUR],
    ['another rid keeps the run', running(A), ping({ rid: B }), AT - HOUR, null],
    ['no rid ends a run with rid, no duration', running(A), ping(), null, null],
    ['a fail with another rid ends the run', running(A), ping({ kind: 'fail', rid: B }), null, null],
    ['a fail with the same rid has a duration', running(A), ping({ kind: 'fail', rid: A }), null, HOUR],
  ];
  for (const [name, before, p, lastStartAt, lastDurationMs] of cases) {
    const { check } = applyPing(before, p);
    assert.equal(check.lastStartAt, lastStartAt, name);
    assert.equal(check.lastDurationMs, lastDurationMs, name);
  }
});

test('a start sets last_start and rid but not last_ping or status', () => {
  const { check, flip } = applyPing(state({ status: 'paused' }), ping({ kind: 'start', rid: A }));
  assert.deepEqual([check.lastStartAt, check.lastStartRid, check.lastPingAt, check.status, flip], [AT, A, null, 'paused', null]);
  assert.equal(check.alertAfter, AT + HOUR);
});

test('every kind counts and gets a sequence number; ign and log change nothing else', () => {
  for (const kind of ['success', 'fail', 'start', 'log', 'ign'] as const) {
    const before = state({ nPings: 41 });
    const out = applyPing(before, ping({ kind }));
    assert.equal(out.n, 42, kind);
    assert.equal(out.check.nPings, 42, kind);
    if (kind === 'log' || kind === 'ign') assert.deepEqual({ ...out.check, nPings: 41 }, before, kind);
  }
});

test('a paused check with manual_resume stores every ping as ignored', () => {
  for (const kind of ['success', 'fail', 'start', 'log'] as const) {
    const out = applyPing(state({ status: 'paused', manualResume: true }), ping({ kind }));
    assert.equal(out.kind, 'ign');
    assert.equal(out.check.status, 'paused');
    assert.equal(out.flip, null);
  }
});
