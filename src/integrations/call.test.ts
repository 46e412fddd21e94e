import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { Env } from '../config.js';
import { callIntegration as call } from './call.js';
import type { IntegrationIo } from './integration.js';

const recordingTarget = useRecordingTargets();

const TWILIO = { TWILIO_ACCOUNT: 'AC123', TWILIO_AUTH: 'tw-secret', TWILIO_FROM: '+15550001111' };
const CALLBACK = 'https://checks.example.org/api/v3/notifications/a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11/status';

async function twilio(env: Env = TWILIO, overrides: Partial<IntegrationIo> = {}) {
  const { server, io } = await recordingTarget((url) => ({ TWILIO_API_URL: url, ...env }), overrides);
  server.reply({ status: 201, body: { sid: 'CA1' } });
  return { server, io };
}

const phone = { value: '+15552223333' };

describe('call delivery', () => {
  test('places a call through the Twilio Calls API', async () => {
    const { server, io } = await twilio();
    assert.deepEqual(await call.notify(makeContext(), phone, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/2010-04-01/Accounts/AC123/Calls.json');
    assert.equal(req!.headers.authorization, `Basic ${Buffer.from('AC123:tw-secret').toString('base64')}`);
    assert.deepEqual(req!.form(), {
      From: '+15550001111',
      To: '+15552223333',
      Twiml: '<Response><Say>Hello! A message from Mychecks: The check "Backup" is down.</Say></Response>',
      StatusCallback: CALLBACK,
    });
  });

  test('XML-escapes the site and check names in the Twiml', async () => {
    const { server, io } = await twilio({ ...TWILIO, SITE_NAME: 'Ops & Co' });
    await call.notify(makeContext({ check: { name: `R&D <"db">'s` } }), phone, io);
    const [req] = await server.waitFor(1);
    assert.equal(
      req!.form().Twiml,
      '<Response><Say>Hello! A message from Ops &amp; Co: The check "R&amp;D &lt;&quot;db&quot;&gt;&#x27;s" is down.</Say></Response>',
    );
  });

  test('is a no-op for up flips: calls are for down flips only', () => {
    assert.equal(call.isNoop(phone, 'down'), false);
    assert.equal(call.isNoop(phone, 'up'), true);
  });

  test('an invalid number (Twilio code 21211) is a permanent error', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 400, body: { code: 21211 } });
    assert.deepEqual(await call.notify(makeContext(), phone, io), { ok: false, error: 'Invalid phone number', permanent: true });
    assert.equal(server.requests.length, 1);
  });

  test('a 400 whose code is not a number is transient', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 400, body: { code: '21211' } });
    assert.deepEqual(await call.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Received status code 400',
      permanent: false,
    });
  });

  test('reports a server error after three attempts', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 500 });
    assert.deepEqual(await call.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('places no call once the monthly call limit is used up', async () => {
    const kinds: string[] = [];
    const { server, io } = await twilio(TWILIO, {
      consumeMonthlyQuota: (kind) => {
        kinds.push(kind);
        return Promise.resolve(false);
      },
    });
    assert.deepEqual(await call.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Monthly phone call limit exceeded',
      permanent: false,
    });
    assert.deepEqual(kinds, ['call']);
    assert.equal(server.requests.length, 0);
  });

  test('is not enabled without account, auth token and caller number', async () => {
    for (const missing of ['TWILIO_ACCOUNT', 'TWILIO_AUTH', 'TWILIO_FROM']) {
      const { server, io } = await twilio({ ...TWILIO, [missing]: '' });
      assert.deepEqual(await call.notify(makeContext(), phone, io), {
        ok: false,
        error: 'Call notifications are not enabled',
        permanent: false,
      });
      assert.equal(server.requests.length, 0);
    }
  });
});

describe('call stored value and config schema', () => {
  test('reads the JSON form and the legacy bare number', () => {
    assert.deepEqual(call.fromStored('{"value": "+15552223333"}'), phone);
    assert.deepEqual(call.fromStored('+15552223333'), phone);
    assert.throws(() => call.fromStored('{}'));
    assert.equal(call.toStored(phone), '{"value":"+15552223333"}');
  });

  test('validates the number', () => {
    assert.deepEqual(call.configSchema.parse({ value: '+1 555 222-3333' }), phone);
    const message = (input: unknown) => call.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(
      message({ value: '555' }),
      'value is not a valid phone number (use the international format, e.g. +15551234567)',
    );
    assert.equal(message({ value: '+15552223333', up: true }), 'unknown field: up');
    assert.equal(message({}), 'value must be a string');
  });
});
