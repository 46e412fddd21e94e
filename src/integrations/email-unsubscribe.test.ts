import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signBounceId } from '../domain/bounce-id.js';
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from './email-unsubscribe.js';

const SECRET = 'test-secret-key-not-for-production';
const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);
const CHANNEL = 'c3d4e5f6-0718-4a9b-8c0d-1e2f3a4b5c6d';

test('links to the channel with a token holding the signing time', () => {
  const token = unsubscribeToken(CHANNEL, NOW, SECRET);
  assert.match(token, /^695b8ba0\.[0-9a-f]{16}$/);
  assert.equal(
    unsubscribeUrl('https://checks.example.org', CHANNEL, NOW, SECRET),
    `https://checks.example.org/integrations/${CHANNEL}/unsub/${token}/`,
  );
});

test('reads a token back only for its own channel and secret, at any age', () => {
  const token = unsubscribeToken(CHANNEL, NOW, SECRET);
  const bounceSignature = signBounceId(CHANNEL, NOW, SECRET).slice(CHANNEL.length + 1);
  const cases: Array<[string, string, string, { signedAtMs: number } | null]> = [
    ['its own token', CHANNEL, token, { signedAtMs: NOW }],
    ['another channel', 'c3d4e5f6-0718-4a9b-8c0d-1e2f3a4b5c6e', token, null],
    ['a changed timestamp', CHANNEL, token.replace('695b8ba0', '695b8ba1'), null],
    ['a bounce signature of the same code', CHANNEL, bounceSignature, null],
    ['a token with an extra part', CHANNEL, `x.${token}`, null],
    ['an empty token', CHANNEL, '', null],
  ];
  for (const [name, channel, presented, expected] of cases)
    assert.deepEqual(readUnsubscribeToken(channel, presented, SECRET), expected, name);
  assert.equal(readUnsubscribeToken(CHANNEL, token, 'another secret'), null);
});
