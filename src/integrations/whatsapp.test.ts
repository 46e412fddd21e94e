import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { whatsappIntegration as whatsapp } from './whatsapp.js';

const recordingTarget = useRecordingTargets();

const TWILIO = {
  TWILIO_USE_WHATSAPP: 'True',
  TWILIO_ACCOUNT: 'AC123',
  TWILIO_AUTH: 'tw-secret',
  TWILIO_FROM: '+15550001111',
  TWILIO_MESSAGING_SERVICE_SID: 'MG999',
  WHATSAPP_DOWN_CONTENT_SID: 'HXdown',
  WHATSAPP_UP_CONTENT_SID: 'HXup',
};
const CALLBACK = 'https://checks.example.org/api/v3/notifications/a7c2e0d4-6a0b-4f7e-8a59-2f1a9f7d3c11/status';

async function twilio(env: Env = TWILIO, overrides: Partial<IntegrationIo> = {}) {
  const { server, io } = await recordingTarget((url) => ({ TWILIO_API_URL: url, ...env }), overrides);
  server.reply({ status: 201, body: { sid: 'SM1' } });
  return { server, io };
}

const phone = { value: '+15552223333', up: true, down: true };

describe('whatsapp delivery', () => {
  test('posts the down template with the check name to the Twilio Messages API', async () => {
    const { server, io } = await twilio();
    assert.deepEqual(await whatsapp.notify(makeContext(), phone, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/2010-04-01/Accounts/AC123/Messages.json');
    assert.equal(req!.headers.authorization, `Basic ${Buffer.from('AC123:tw-secret').toString('base64')}`);
    assert.deepEqual(req!.form(), {
      To: 'whatsapp:+15552223333',
      From: 'whatsapp:+15550001111',
      MessagingServiceSid: 'MG999',
      ContentSid: 'HXdown',
      ContentVariables: '{"1": "Backup"}',
      StatusCallback: CALLBACK,
    });
  });

  test('posts the up template on an up flip, escaping the name as Python json.dumps does', async () => {
    const { server, io } = await twilio();
    const ctx = makeContext({ status: 'up', check: { name: 'Bäckup "db"' } });
    assert.deepEqual(await whatsapp.notify(ctx, phone, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.equal(req!.form().ContentSid, 'HXup');
    assert.equal(req!.form().ContentVariables, '{"1": "B\\u00e4ckup \\"db\\""}');
  });

  test('an invalid number (Twilio code 21211) is a permanent error', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 400, body: { code: 21211 } });
    assert.deepEqual(await whatsapp.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Invalid phone number',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);
  });

  test('reports a server error after three attempts', async () => {
    const { server, io } = await twilio();
    server.reply({ status: 500 });
    assert.deepEqual(await whatsapp.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('counts against the SMS limit', async () => {
    const kinds: string[] = [];
    const { server, io } = await twilio(TWILIO, {
      consumeMonthlyQuota: (kind) => {
        kinds.push(kind);
        return Promise.resolve(false);
      },
    });
    assert.deepEqual(await whatsapp.notify(makeContext(), phone, io), {
      ok: false,
      error: 'Monthly message limit exceeded',
      permanent: false,
    });
    assert.deepEqual(kinds, ['sms']);
    assert.equal(server.requests.length, 0);
  });

  test('is not enabled unless every WhatsApp setting is present', async () => {
    const required = Object.keys(TWILIO) as (keyof typeof TWILIO)[];
    for (const missing of required) {
      const env: Env = { ...TWILIO, [missing]: missing === 'TWILIO_USE_WHATSAPP' ? 'False' : '' };
      const { server, io } = await twilio(env);
      assert.deepEqual(
        await whatsapp.notify(makeContext(), phone, io),
        { ok: false, error: 'WhatsApp notifications are not enabled', permanent: false },
        `without ${missing}`,
      );
      assert.equal(server.requests.length, 0);
    }
  });

  test('is a no-op for a status switched off', () => {
    assert.equal(whatsapp.isNoop({ ...phone, up: false }, 'up'), true);
    assert.equal(whatsapp.isNoop({ ...phone, up: false }, 'down'), false);
    assert.equal(whatsapp.isNoop({ ...phone, down: false }, 'down'), true);
  });
});

describe('whatsapp stored value and config schema', () => {
  test('reads the JSON form and the legacy bare number', () => {
    assert.deepEqual(whatsapp.fromStored('{"value": "+15552223333", "up": true, "down": true}'), phone);
    assert.deepEqual(whatsapp.fromStored('+15552223333'), { value: '+15552223333', up: false, down: true });
    assert.deepEqual(JSON.parse(whatsapp.toStored(phone)), phone);
  });

  test('validates the number and switches', () => {
    assert.deepEqual(whatsapp.configSchema.parse({ value: '+15552223333' }), phone);
    const message = (input: unknown) => whatsapp.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(
      message({ value: 'abc' }),
      'value is not a valid phone number (use the international format, e.g. +15551234567)',
    );
    assert.equal(message({ value: '+15552223333', up: false, down: false }), 'up and down must not both be false');
  });
});
