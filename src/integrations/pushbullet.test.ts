import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { pushbulletIntegration as pushbullet } from './pushbullet.js';

const recordingTarget = useRecordingTargets();

async function pushbulletApi(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget((url) => ({ PUSHBULLET_API_URL: url, ...env }));
  return { server, io };
}

const TOKEN = 'o.abcdefghijklmnop';
const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });

describe('pushbullet', () => {
  test('pushes a note titled with the site name on a down flip', async () => {
    const { server, io } = await pushbulletApi();
    assert.deepEqual(await pushbullet.notify(makeContext(), TOKEN, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v2/pushes');
    assert.equal(req!.headers['access-token'], TOKEN);
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      type: 'note',
      title: 'Mychecks',
      body: 'Backup is DOWN (success signal did not arrive on time, grace time passed). Last ping was 2 days ago.',
    });
  });

  test('pushes a note on an up flip', async () => {
    const { server, io } = await pushbulletApi();
    assert.deepEqual(await pushbullet.notify(upContext(), TOKEN, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      type: 'note',
      title: 'Mychecks',
      body: 'Backup received a ping and is now UP. The downtime lasted 1 hour, 12 minutes.',
    });
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io } = await pushbulletApi();
    server.reply({ status: 500 });
    assert.deepEqual(await pushbullet.notify(makeContext(), TOKEN, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when PUSHBULLET_ENABLED is off', async () => {
    const { server, io } = await pushbulletApi({ PUSHBULLET_ENABLED: 'False' });
    assert.deepEqual(await pushbullet.notify(makeContext(), TOKEN, io), {
      ok: false,
      error: 'Pushbullet notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('is never a no-op', () => {
    assert.equal(pushbullet.isNoop(TOKEN, 'down'), false);
    assert.equal(pushbullet.isNoop(TOKEN, 'up'), false);
  });

  test('stores the token as is and requires one', () => {
    assert.equal(pushbullet.fromStored(TOKEN), TOKEN);
    assert.equal(pushbullet.toStored(TOKEN), TOKEN);
    assert.equal(pushbullet.configSchema.parse(TOKEN), TOKEN);
    assert.equal(pushbullet.configSchema.safeParse('').error?.issues[0]?.message, 'config is required');
    assert.equal(pushbullet.configSchema.safeParse({ token: TOKEN }).error?.issues[0]?.message, 'config must be a string');
  });
});
