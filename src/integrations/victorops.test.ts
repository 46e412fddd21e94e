import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { victoropsIntegration as victorops } from './victorops.js';

const recordingTarget = useRecordingTargets();

async function endpoint(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; url: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, url: `${server.url}/integrations/generic/20131114/alert/key/routing` };
}

const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });

describe('victorops', () => {
  test('raises a CRITICAL alert on a down flip', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await victorops.notify(makeContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/integrations/generic/20131114/alert/key/routing');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      entity_id: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      message_type: 'CRITICAL',
      entity_display_name: 'Backup',
      state_message: 'Backup is DOWN (success signal did not arrive on time, grace time passed). Last ping was 2 days ago.',
      monitoring_tool: 'Mychecks',
    });
  });

  test('sends a RECOVERY on an up flip', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await victorops.notify(upContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      entity_id: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      message_type: 'RECOVERY',
      entity_display_name: 'Backup',
      state_message: 'Backup received a ping and is now UP. The downtime lasted 1 hour, 12 minutes.',
      monitoring_tool: 'Mychecks',
    });
  });

  test('names an unnamed check by its UUID', async () => {
    const { server, io, url } = await endpoint();
    await victorops.notify(makeContext({ check: { name: '' }, lastPing: null }), url, io);
    const [req] = await server.waitFor(1);
    const body = req!.json() as Record<string, unknown>;
    assert.equal(body.entity_display_name, '0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10');
    assert.equal(
      body.state_message,
      '0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10 is DOWN (success signal did not arrive on time, grace time passed).',
    );
  });

  test('treats 404 as permanent, after a single attempt', async () => {
    const { server, io, url } = await endpoint();
    server.reply({ status: 404 });
    assert.deepEqual(await victorops.notify(makeContext(), url, io), {
      ok: false,
      error: 'Received status code 404',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io, url } = await endpoint();
    server.reply({ status: 500 });
    assert.deepEqual(await victorops.notify(makeContext(), url, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when VICTOROPS_ENABLED is off', async () => {
    const { server, io, url } = await endpoint({ VICTOROPS_ENABLED: 'False' });
    assert.deepEqual(await victorops.notify(makeContext(), url, io), {
      ok: false,
      error: 'Splunk On-Call notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('is never a no-op', () => {
    assert.equal(victorops.isNoop('https://alert.victorops.com/x', 'down'), false);
    assert.equal(victorops.isNoop('https://alert.victorops.com/x', 'up'), false);
  });

  test('stores the URL as is and validates it', () => {
    const url = 'https://alert.victorops.com/integrations/generic/20131114/alert/abc/ops';
    assert.equal(victorops.fromStored(url), url);
    assert.equal(victorops.toStored(url), url);
    assert.equal(victorops.configSchema.parse(url), url);
    assert.equal(victorops.configSchema.safeParse('ftp://example.org').error?.issues[0]?.message, 'config is not a valid URL');
    assert.equal(victorops.configSchema.safeParse('').error?.issues[0]?.message, 'config is required');
    assert.equal(victorops.configSchema.safeParse(42).error?.issues[0]?.message, 'config must be a string');
  });
});
