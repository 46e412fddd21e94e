import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeResult } from './probe-result.js';
import { probeWithRetries } from './probe-with-retries.js';

const up: ProbeResult = { ok: true, ms: 1 };
const down: ProbeResult = { ok: false, error: 'Connection refused', ms: 1 };

/** A probe that answers the given results in turn and counts its calls. */
function scripted(results: ProbeResult[]) {
  const probe = async () => {
    probe.calls += 1;
    const next = results.shift();
    assert.ok(next, 'probed more often than expected');
    return next;
  };
  probe.calls = 0;
  return probe;
}

test('stops at the first success', async () => {
  const probe = scripted([down, up]);
  assert.deepEqual(await probeWithRetries(probe, 3), { result: up, attempts: 2 });
  assert.equal(probe.calls, 2);
});

test('makes one attempt plus `retries` more before giving up, returning the last failure', async () => {
  const last: ProbeResult = { ok: false, error: 'Connection timed out', ms: 5 };
  const probe = scripted([down, down, last]);
  assert.deepEqual(await probeWithRetries(probe, 2), { result: last, attempts: 3 });
});

test('probes once when retries is 0, negative or not a number', async () => {
  for (const retries of [0, -2, Number.NaN]) {
    assert.deepEqual(await probeWithRetries(scripted([down]), retries), { result: down, attempts: 1 });
  }
});

test('does not repeat a permanent failure', async () => {
  const refused: ProbeResult = { ok: false, error: 'Invalid port', ms: 0, permanent: true };
  assert.deepEqual(await probeWithRetries(scripted([refused]), 5), { result: refused, attempts: 1 });
});

test('waits delayMs between attempts and not after the last', async () => {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  await probeWithRetries(scripted([down, down, down]), 2, { delayMs: 250, sleep });
  assert.deepEqual(sleeps, [250, 250]);
});
