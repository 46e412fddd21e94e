import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { smsIntegration as sms } from './sms.js';

const recordingTarget = useRecordingTargets();

const TWILIO = { TWILIO_ACCOUNT: 'AC123', TWILIO_AUTH: 'tw-secret', TWILIO_FROM: '+15550001111' };
const BASIC = `Basic ${Buffer.from('AC123:tw-secret').toString('base64')}`;
const CALLBACK = 'https://checks.example.org/api/v3/notifications/a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11/status';

async function twilio(env: Env = TWILIO, overrides: Partial<IntegrationIo> = {}) {
  const { server, io } = await recordingTarget((url) => ({ TWILIO_API_URL: url, ...env }), overrides);
  server.reply({ status: 201, body: { sid: 'SM1' } });
  return { server, io };
}

const phone = { value: '+15552223333', up: true, down: true };
const upContext = () =>
  makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: (3 * 86_400 + 6 * 3_600) * 1000 });

describe('sms delivery', () => {
  test('posts the down message to the Twilio Messages API', async () => {
    const { server, io } = await twilio();
    assert.deepEqual(await sms.notify(makeContext(), phone, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/2010-04-01/Accounts/AC123/Messages.json');
    assert.equal(req!.headers.authorization, BASIC);
    assert.equal(req!.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(req!.form(), {
      To: '+15552223333',
      From: '+15550001111',
      Body: 'Mychecks: The check "Backup" is DOWN (success signal did not arrive on time, grace time passed).',
      StatusCallback: CALLBACK,
      RiskCheck: 'disable',
    });
  });

  test('posts the up message with the downtime', async () => {
    const { server, io } = await twilio();
    assert.deepEqual(await sms.notify(upContext(), phone, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.equal(req!.form().Body, 'Mychecks: The check "Backup" is UP. The downtime lasted 3 days, 6 hours.');
  });

  test('words a down flip without a reason and an up flip without a downtime', async () => {
    const { server, io } = await twilio();
    const ctx = makeContext({ check: { name: '' }, flip: { at: 0, oldStatus: 'up', reason: '' } });
    await sms.notify(ctx, phone, io);
    await sms.notify(makeContext({ status: 'up', downtimeMs: null }), phone, io);
    const [down, up] = await server.waitFor(2);
    assert.equal(down!.form().Body, 'Mychecks: The check "0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10" is DOWN.');
    assert.equal(up!.form().Body, 'Mychecks: The check "Backup" is UP.');
  });

  test('sends through the messaging service instead of From when one is configured', async () => {
    const { server, io } = await twilio({ ...TWILIO, TWILIO_MESSAGING_SERVICE_SID: 'MG999' });
    await sms.notify(makeContext(), phone, io);
    const [req] = await server.waitFor(1);
    assert.equal(req!.form().MessagingServiceSid, 'MG999');
    assert.equal(req!.form().From, undefined);
  });

  test('an invalid number (Twilio code 21211) is a permanent error, tried once', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } });
    assert.deepEqual(await sms.notify(makeContext(), phone, io), { ok: false, error: 'Invalid phone number', permanent: true });
    assert.equal(server.requests.length, 1);
  });

  test('another 400 is transient', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 400, body: { code: 21610 } });
    assert.deepEqual(await sms.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Received status code 400',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('reports a server error after three attempts', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 500 });
    assert.deepEqual(await sms.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing once the monthly SMS limit is used up', async () => {
    const kinds: string[] = [];
    const { server, io } = await twilio(TWILIO, {
      consumeMonthlyQuota: (kind) => {
        kinds.push(kind);
        return Promise.resolve(false);
      },
    });
    assert.deepEqual(await sms.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Monthly SMS limit exceeded',
      permanent: false,
    });
    assert.deepEqual(kinds, ['sms']);
    assert.equal(server.requests.length, 0);
  });

  test('is not enabled without Twilio credentials', async () => {
    for (const env of [
      {},
      { TWILIO_ACCOUNT: 'AC123', TWILIO_FROM: '+15550001111' },
      { TWILIO_ACCOUNT: 'AC123', TWILIO_AUTH: 'x' },
    ]) {
      const { server, io } = await twilio(env);
      assert.deepEqual(await sms.notify(makeContext(), phone, io), {
        ok: false,
        error: 'SMS notifications are not enabled',
        permanent: false,
      });
      assert.equal(server.requests.length, 0);
    }
  });

  test('is a no-op for a status switched off', () => {
    const downOnly = { value: '+15552223333', up: false, down: true };
    assert.equal(sms.isNoop(downOnly, 'down'), false);
    assert.equal(sms.isNoop(downOnly, 'up'), true);
    assert.equal(sms.isNoop({ ...downOnly, up: true, down: false }, 'down'), true);
  });

  test('names an unnamed channel after the number', () => {
    assert.equal(sms.displayName!(phone), 'SMS to +15552223333');
  });
});

describe('sms stored value and config schema', () => {
  test('reads the JSON form, the legacy bare number and JSON without switches', () => {
    assert.deepEqual(sms.fromStored('{"value": "+15552223333", "up": true, "down": false}'), {
      value: '+15552223333',
      up: true,
      down: false,
    });
    assert.deepEqual(sms.fromStored('+15552223333'), { value: '+15552223333', up: false, down: true });
    assert.deepEqual(sms.fromStored('{"value": "+15552223333", "label": "ops"}'), {
      value: '+15552223333',
      up: false,
      down: true,
    });
    assert.throws(() => sms.fromStored('{"up": true}'));
    assert.deepEqual(JSON.parse(sms.toStored(phone)), phone);
  });

  test('normalizes the number and fills the switches', () => {
    assert.deepEqual(sms.configSchema.parse({ value: '+1 555-222 3333' }), { value: '+15552223333', up: false, down: true });
  });

  test('refuses bad input naming the field', () => {
    const message = (input: unknown) => sms.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(
      message({ value: '5552223333' }),
      'value is not a valid phone number (use the international format, e.g. +15551234567)',
    );
    assert.equal(
      message({ value: '+123' }),
      'value is not a valid phone number (use the international format, e.g. +15551234567)',
    );
    assert.equal(message({ value: 15552223333 }), 'value must be a string');
    assert.equal(message({ value: '+15552223333', up: 'yes' }), 'up must be true or false');
    assert.equal(message({ value: '+15552223333', up: false, down: false }), 'up and down must not both be false');
    assert.equal(message({ value: '+15552223333', label: 'x' }), 'unknown field: label');
    assert.equal(message('+15552223333'), 'config must be a JSON object');
  });
});
