import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { makeContext, makeIo } from '../../test/support/notification-fixtures.js';
import { startRecordingServer, type RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { opsgenieIntegration as opsgenie } from './opsgenie.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Two servers: the US and the EU API, so a test sees which region was called. */
async function opsgenieApis(env: Env = {}): Promise<{ us: RecordingServer; eu: RecordingServer; io: IntegrationIo }> {
  const us = await startRecordingServer();
  const eu = await startRecordingServer();
  const io = makeIo({ OPSGENIE_API_URL: us.url, OPSGENIE_EU_API_URL: eu.url, ...env });
  cleanups.push(
    () => us.close(),
    () => eu.close(),
    () => io.close(),
  );
  return { us, eu, io };
}

const config = { key: 'genie-key', region: 'us' } as const;
const UNIQUE_KEY = '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f';
const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 60_000 });

describe('opsgenie', () => {
  test('creates an alias-keyed alert with the check details on a down flip', async () => {
    const { us, eu, io } = await opsgenieApis();
    us.reply({ status: 202, body: { result: 'Request will be processed' } });
    assert.deepEqual(await opsgenie.notify(makeContext(), config, io), { ok: true });

    const [req] = await us.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v2/alerts');
    assert.equal(req!.headers.authorization, 'GenieKey genie-key');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      alias: UNIQUE_KEY,
      source: 'Mychecks',
      tags: ['prod', 'db'],
      message: 'Backup is DOWN',
      description: 'Nightly database backup',
      details: {
        Project: 'Ops',
        'Total pings': 42,
        'Last ping': 'Success, 2 days ago',
        Period: '1 day',
        'Full details': `https://checks.example.org/cloaked/${UNIQUE_KEY}/`,
      },
    });
    assert.equal(eu.requests.length, 0);
  });

  test('closes the alert by alias on an up flip', async () => {
    const { us, io } = await opsgenieApis();
    assert.deepEqual(await opsgenie.notify(upContext(), config, io), { ok: true });

    const [req] = await us.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, `/v2/alerts/${UNIQUE_KEY}/close?identifierType=alias`);
    assert.equal(req!.headers.authorization, 'GenieKey genie-key');
    assert.deepEqual(req!.json(), { alias: UNIQUE_KEY, source: 'Mychecks' });
  });

  test('uses the EU API for the eu region, with the schedule of a cron check', async () => {
    const { us, eu, io } = await opsgenieApis();
    const ctx = makeContext({ check: { kind: 'cron', schedule: '*/5 * * * *', tz: 'Europe/Riga' } });
    assert.deepEqual(await opsgenie.notify(ctx, { key: 'k', region: 'eu' }, io), { ok: true });

    const [req] = await eu.waitFor(1);
    assert.equal(req!.url, '/v2/alerts');
    const body = req!.json() as { details: Record<string, unknown> };
    assert.deepEqual(body.details, {
      Project: 'Ops',
      'Total pings': 42,
      'Last ping': 'Success, 2 days ago',
      Schedule: '*/5 * * * *',
      'Time zone': 'Europe/Riga',
      'Full details': `https://checks.example.org/cloaked/${UNIQUE_KEY}/`,
    });
    assert.equal(us.requests.length, 0);
  });

  test('adds the message of an error response', async () => {
    const { us, io } = await opsgenieApis();
    us.reply({ status: 403, body: { message: 'Nice try', took: 0.001 } });
    assert.deepEqual(await opsgenie.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 403 with a message: "Nice try"',
      permanent: false,
    });
    assert.equal(us.requests.length, 3);
  });

  test('reports a non-JSON server error after three attempts', async () => {
    const { us, io } = await opsgenieApis();
    us.reply({ status: 500, body: 'oops' });
    assert.deepEqual(await opsgenie.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(us.requests.length, 3);
  });

  test('sends nothing when OPSGENIE_ENABLED is off', async () => {
    const { us, io } = await opsgenieApis({ OPSGENIE_ENABLED: 'False' });
    assert.deepEqual(await opsgenie.notify(makeContext(), config, io), {
      ok: false,
      error: 'Opsgenie notifications are not enabled.',
      permanent: false,
    });
    assert.equal(us.requests.length, 0);
  });

  test('is never a no-op', () => {
    assert.equal(opsgenie.isNoop(config, 'down'), false);
    assert.equal(opsgenie.isNoop(config, 'up'), false);
  });

  test('reads the JSON value and the legacy bare key', () => {
    assert.deepEqual(opsgenie.fromStored('{"key": "456", "region": "eu"}'), { key: '456', region: 'eu' });
    assert.deepEqual(opsgenie.fromStored('123'), { key: '123', region: 'us' });
    assert.deepEqual(opsgenie.fromStored('{"key": "456"}'), { key: '456', region: 'us' });
    assert.throws(() => opsgenie.fromStored('{"region": "eu"}'));
    assert.equal(opsgenie.toStored({ key: '456', region: 'eu' }), '{"key":"456","region":"eu"}');
  });

  test('validates the API config', () => {
    assert.deepEqual(opsgenie.configSchema.parse({ key: 'k' }), { key: 'k', region: 'us' });
    assert.equal(
      opsgenie.configSchema.safeParse({ key: 'k', region: 'asia' }).error?.issues[0]?.message,
      'region must be "us" or "eu"',
    );
    assert.equal(opsgenie.configSchema.safeParse({ region: 'us' }).error?.issues[0]?.message, 'key is required');
    assert.equal(opsgenie.configSchema.safeParse('genie-key').error?.issues[0]?.message, 'config must be an object');
    assert.equal(opsgenie.configSchema.safeParse({ key: 'k', other: 1 }).success, false);
    assert.deepEqual(opsgenie.secretFields, ['key']);
  });
});
