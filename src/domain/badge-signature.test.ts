import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeSignature, isValidBadgeSignature, signatureForStates, statesOfSignature } from './badge-signature.js';

const SECRET = 'test-secret-key-not-for-production';

test("signs tags like Django's base64_hmac(badge_key, tag, SECRET_KEY)[:8] (vectors from Python)", () => {
  const cases: Array<[string, string]> = [
    ['foo', '7VMnZXNR'],
    ['*', 'hIfcR85H'],
    ['db@dc1', 'VYDHHOjE'],
    ['ü', 'nHTnePpe'],
    ['a b', '6PNuLxTp'],
  ];
  for (const [tag, signature] of cases) assert.equal(badgeSignature(SECRET, 'alice', tag), signature, tag);
});

test('a signature depends on the badge key, the tag and the secret', () => {
  const base = badgeSignature(SECRET, 'alice', 'foo');
  assert.notEqual(badgeSignature(SECRET, 'bob', 'foo'), base);
  assert.notEqual(badgeSignature(SECRET, 'alice', 'Foo'), base);
  assert.notEqual(badgeSignature(`${SECRET}x`, 'alice', 'foo'), base);
});

test('compares only the first 8 characters of the presented signature', () => {
  const cases: Array<[string, boolean]> = [
    ['7VMnZXNR', true],
    ['7VMnZXNR-2', true],
    ['7VMnZXNRanything', true],
    ['7VMnZXN', false],
    ['7VMnZXNr', false],
    ['12345678', false],
    ['', false],
  ];
  for (const [presented, valid] of cases)
    assert.equal(isValidBadgeSignature(SECRET, 'alice', 'foo', presented), valid, presented);
});

test('exactly ten characters ending in -2 is a 2-state badge, anything else 3-state', () => {
  const cases: Array<[string, 2 | 3]> = [
    ['7VMnZXNR-2', 2],
    ['7VMnZXNR', 3],
    ['7VMnZXNR-3', 3],
    ['7VMnZXNRx-2', 3],
    ['7VMnZX-2', 3],
  ];
  for (const [presented, states] of cases) assert.equal(statesOfSignature(presented), states, presented);
  assert.equal(signatureForStates('7VMnZXNR', 2), '7VMnZXNR-2');
  assert.equal(signatureForStates('7VMnZXNR', 3), '7VMnZXNR');
});
