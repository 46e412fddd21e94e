import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTimestamped, signBounceId, signTimestamped, verifyBounceId } from './bounce-id.js';

const SECRET = 'test-secret-key-not-for-production';
const NOW = Date.UTC(2026, 0, 5, 10, 0, 0); // 0x695b8ba0 seconds
const HOUR = 3_600_000;
const MAX_AGE = 48 * HOUR;

test("signs like Healthchecks' ShortHexTimestampSigner (vectors computed in Python with hashlib/hmac)", () => {
  const cases: Array<[string, string]> = [
    ['n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11', 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11.695b8ba0.47125ccd253e63ef'],
    ['r.alice', 'r.alice.695b8ba0.0d212fb27d325893'],
    ['a.b.c', 'a.b.c.695b8ba0.095e67f5bf02da94'],
    ['ü', 'ü.695b8ba0.28829f8194e27468'],
  ];
  for (const [value, signed] of cases) assert.equal(signBounceId(value, NOW, SECRET), signed, value);
});

test('ignores the milliseconds of the signing time', () => {
  assert.equal(signBounceId('r.alice', NOW + 999, SECRET), signBounceId('r.alice', NOW, SECRET));
});

test('keeps a signed notification ID within the 64 characters of an address local part', () => {
  assert.ok(signBounceId('n.95410c79-fcb4-4e8c-bca9-945221248211', NOW, SECRET).length <= 64);
});

test('verifies its own IDs, the legacy SHA-1 form, and refuses anything else', () => {
  const good = 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11.695b8ba0.47125ccd253e63ef';
  const legacy = 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11.695b8ba0.d1b21ffcda5399aad54a0fdfb5c851bab3b3c7f7';
  const cases: Array<[string, string, number, string | null]> = [
    ['a fresh ID', good, NOW, 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11'],
    ['a value with dots', 'a.b.c.695b8ba0.095e67f5bf02da94', NOW, 'a.b.c'],
    ['a legacy full-length SHA-1 signature', legacy, NOW, 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11'],
    ['legacy r. ID', 'r.alice.695b8ba0.bd9e52542c84fd52a21eedd21aa015605323ca51', NOW, 'r.alice'],
    [
      'an upper-case signature',
      good.replace('47125ccd253e63ef', '47125CCD253E63EF'),
      NOW,
      'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11',
    ],
    ['exactly 48 hours old', good, NOW + MAX_AGE, 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11'],
    ['a timestamp in the future', good, NOW - HOUR, 'n.a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11'],
    ['one second too old', good, NOW + MAX_AGE + 1000, null],
    ['a changed value', good.replace('n.a7', 'n.b7'), NOW, null],
    ['a changed timestamp', good.replace('695b8ba0', '695b8ba1'), NOW, null],
    ['a changed signature', good.replace('47125ccd', '47125ccc'), NOW, null],
    ['a value prefixed like Healthchecks tests it', `a${good}`, NOW, null],
    ['a truncated signature', good.slice(0, -1), NOW, null],
    ['a signature of another length', `${good}0`, NOW, null],
    ['the short SHA-1 prefix', legacy.slice(0, legacy.length - 24), NOW, null],
    ['another secret', signBounceId('r.alice', NOW, 'another secret'), NOW, null],
    ['no timestamp', 'r.alice.47125ccd253e63ef', NOW, null],
    ['a timestamp that is not hex', 'r.alice.zz.0d212fb27d325893', NOW, null],
    ['an empty value', '.695b8ba0.0d212fb27d325893', NOW, null],
    ['an empty string', '', NOW, null],
    ['no dots at all', 'garbage', NOW, null],
  ];
  for (const [name, id, now, expected] of cases) assert.equal(verifyBounceId(id, now, SECRET, MAX_AGE), expected, name);
});

test('a signature under one salt does not verify under another', () => {
  const signed = signTimestamped('c3d4', NOW, SECRET, 'one');
  assert.deepEqual(readTimestamped(signed, SECRET, 'one'), { value: 'c3d4', signedAtMs: NOW });
  assert.equal(readTimestamped(signed, SECRET, 'two'), null);
  assert.equal(verifyBounceId(signed, NOW, SECRET, MAX_AGE), null);
});
