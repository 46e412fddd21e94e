import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { pdIntegration as pd } from './pd.js';

const recordingTarget = useRecordingTargets();

async function pagerDuty(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget((url) => ({ PD_API_URL: url, ...env }));
  return { server, io };
}

const config = { service_key: 'abc123', account: null };
const upContext = () => ({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 }) as const;

describe('pd', () => {
  test('triggers an incident keyed by the unique key on a down flip', async () => {
    const { server, io } = await pagerDuty();
    assert.deepEqual(await pd.notify(makeContext(), config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/generic/2010-04-15/create_event.json');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.json(), {
      service_key: 'abc123',
      incident_key: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      event_type: 'trigger',
      description: 'Backup is DOWN (success signal did not arrive on time, grace time passed).',
      client: 'Mychecks',
      client_url: 'https://checks.example.org/checks/0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10/details/',
      details: {
        Project: 'Ops',
        'Total pings': 42,
        'Last ping': 'Success, 2 days ago',
        Description: 'Nightly database backup',
        Tags: 'prod, db',
        Period: '1 day',
      },
    });
  });

  test('resolves the incident on an up flip, with the schedule of a cron check', async () => {
    const { server, io } = await pagerDuty();
    const ctx = makeContext({
      ...upContext(),
      check: { kind: 'cron', schedule: '0 3 * * *', tz: 'Europe/Riga', desc: '', tags: '' },
      lastPing: null,
    });
    assert.deepEqual(await pd.notify(ctx, config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      service_key: 'abc123',
      incident_key: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      event_type: 'resolve',
      description: 'Backup received a ping and is now UP',
      client: 'Mychecks',
      client_url: 'https://checks.example.org/checks/0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10/details/',
      details: {
        Project: 'Ops',
        'Total pings': 0,
        'Last ping': 'Never',
        Schedule: '0 3 * * *',
        'Time zone': 'Europe/Riga',
      },
    });
  });

  test('is never a no-op', () => {
    assert.equal(pd.isNoop(config, 'down'), false);
    assert.equal(pd.isNoop(config, 'up'), false);
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io } = await pagerDuty();
    server.reply({ status: 500 });
    assert.deepEqual(await pd.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when PD_ENABLED is off', async () => {
    const { server, io } = await pagerDuty({ PD_ENABLED: 'False' });
    assert.deepEqual(await pd.notify(makeContext(), config, io), {
      ok: false,
      error: 'PagerDuty notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads a bare service key and the JSON form', () => {
    assert.deepEqual(pd.fromStored('abc123'), { service_key: 'abc123', account: null });
    assert.deepEqual(pd.fromStored('{"service_key": "456", "account": "acme"}'), { service_key: '456', account: 'acme' });
    assert.deepEqual(pd.fromStored('{"service_key": "456"}'), { service_key: '456', account: null });
    assert.throws(() => pd.fromStored('{"account": "acme"}'));
  });

  test('stores a key without an account bare, and one with an account as JSON', () => {
    assert.equal(pd.toStored({ service_key: 'abc123', account: null }), 'abc123');
    assert.equal(pd.toStored({ service_key: '456', account: 'acme' }), '{"service_key":"456","account":"acme"}');
  });

  test('validates the API config', () => {
    assert.deepEqual(pd.configSchema.parse({ service_key: 'abc' }), { service_key: 'abc', account: null });
    assert.deepEqual(pd.configSchema.parse('abc'), { service_key: 'abc', account: null });
    const tooLong = pd.configSchema.safeParse({ service_key: 'x'.repeat(33) });
    assert.equal(tooLong.error?.issues[0]?.message, 'service_key must be at most 32 characters');
    assert.equal(pd.configSchema.safeParse({}).error?.issues[0]?.message, 'service_key is required');
    assert.equal(pd.configSchema.safeParse(42).error?.issues[0]?.message, 'config must be an object');
    assert.equal(pd.configSchema.safeParse({ service_key: 'a', extra: 1 }).success, false);
    assert.deepEqual(pd.secretFields, ['service_key']);
  });
});
