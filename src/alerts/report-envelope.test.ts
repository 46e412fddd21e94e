import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.js';
import { verifyBounceId } from '../domain/bounce-id.js';
import { bounceAddress } from '../domain/bounce-id.js';
import { readReportsUnsubscribeToken, reportEnvelope, reportsUnsubscribeToken } from './report-envelope.js';

const SECRET = 'test-secret-key-not-for-production';
const NOW = Date.UTC(2020, 0, 13, 2);

test('reports carry List-Unsubscribe with one-click POST and no envelope sender by default', () => {
  const config = loadConfig({ SITE_ROOT: 'https://checks.example.org' });
  const envelope = reportEnvelope({ config, secretKey: SECRET }, 7, NOW);
  assert.match(
    envelope.unsubscribeUrl,
    /^https:\/\/checks\.example\.org\/accounts\/unsubscribe_reports\/7\.[0-9a-f]+\.[0-9a-f]{16}\/$/,
  );
  assert.deepEqual(envelope.headers, {
    'List-Unsubscribe': `<${envelope.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
  assert.equal(envelope.envelopeFrom, undefined);
});

test('with EMAIL_MAIL_FROM_TMPL the envelope sender is a signed r.<user id> bounce ID', () => {
  const config = loadConfig({ EMAIL_MAIL_FROM_TMPL: '{bounce_id}@bounces.example.org' });
  const { envelopeFrom } = reportEnvelope({ config, secretKey: SECRET }, 7, NOW);
  assert.ok(envelopeFrom);
  const [local, domain] = envelopeFrom.split('@');
  assert.equal(domain, 'bounces.example.org');
  assert.equal(verifyBounceId(local!, NOW + 60_000, SECRET, 48 * 3_600_000), 'r.7');
});

test("the template placeholder is {bounce_id}, or Healthchecks' %s", () => {
  assert.equal(bounceAddress('{bounce_id}@b.example.org', 'r.1.x.y'), 'r.1.x.y@b.example.org');
  assert.equal(bounceAddress('%s@b.example.org', 'r.1.x.y'), 'r.1.x.y@b.example.org');
});

test('unsubscribe tokens name their user, never expire, and are not bounce IDs', () => {
  const token = reportsUnsubscribeToken(42, NOW, SECRET);
  assert.equal(readReportsUnsubscribeToken(token, SECRET), 42);
  assert.equal(readReportsUnsubscribeToken(token, 'another-secret-key-0000'), null);
  assert.equal(readReportsUnsubscribeToken(`${token}0`, SECRET), null);
  assert.equal(verifyBounceId(token, NOW, SECRET, Number.MAX_SAFE_INTEGER), null);
});
