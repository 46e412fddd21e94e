import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { spikeIntegration as spike } from './spike.js';

const recordingTarget = useRecordingTargets();

async function endpoint(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; url: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, url: `${server.url}/v1/incoming/healthchecks/abc` };
}

const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });

describe('spike', () => {
  test('posts a down event', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await spike.notify(makeContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v1/incoming/healthchecks/abc');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      check_id: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      title: 'Backup is DOWN',
      message: 'Backup is DOWN (success signal did not arrive on time, grace time passed). Last ping was 2 days ago.',
      status: 'down',
    });
  });

  test('posts an up event', async () => {
    const { server, io, url } = await endpoint();
    assert.deepEqual(await spike.notify(upContext(), url, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      check_id: '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f',
      title: 'Backup is UP',
      message: 'Backup received a ping and is now UP. The downtime lasted 1 hour, 12 minutes.',
      status: 'up',
    });
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io, url } = await endpoint();
    server.reply({ status: 500 });
    assert.deepEqual(await spike.notify(makeContext(), url, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when SPIKE_ENABLED is off', async () => {
    const { server, io, url } = await endpoint({ SPIKE_ENABLED: 'False' });
    assert.deepEqual(await spike.notify(makeContext(), url, io), {
      ok: false,
      error: 'Spike notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('is never a no-op', () => {
    assert.equal(spike.isNoop('https://hooks.spike.sh/x', 'down'), false);
    assert.equal(spike.isNoop('https://hooks.spike.sh/x', 'up'), false);
  });

  test('stores the URL as is and validates it', () => {
    const url = 'https://hooks.spike.sh/abc/push-events';
    assert.equal(spike.fromStored(url), url);
    assert.equal(spike.toStored(url), url);
    assert.equal(spike.configSchema.parse(url), url);
    assert.equal(spike.configSchema.safeParse('javascript:alert(1)').error?.issues[0]?.message, 'config is not a valid URL');
  });
});
