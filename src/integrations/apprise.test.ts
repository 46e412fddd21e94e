import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { Env } from '../config.js';
import { appriseIntegration as apprise } from './apprise.js';

const recordingTarget = useRecordingTargets();

async function appriseApi(env: Env = {}) {
  const { server, io } = await recordingTarget((url) => ({ APPRISE_ENABLED: 'True', APPRISE_API_URL: `${url}/`, ...env }));
  return { server, io };
}

const URLS = 'mailtos://user:pass@mail.example.org?to=ops@example.org';

describe('apprise delivery', () => {
  test('posts the down notification to the Apprise API notify endpoint', async () => {
    const { server, io } = await appriseApi();
    assert.deepEqual(await apprise.notify(makeContext(), URLS, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/notify/');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      urls: URLS,
      title: 'Backup is DOWN',
      body: 'Reason: success signal did not arrive on time, grace time passed.',
      type: 'failure',
    });
  });

  test('posts the up notification with the downtime', async () => {
    const { server, io } = await appriseApi();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 744_000 });
    assert.deepEqual(await apprise.notify(ctx, URLS, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      urls: URLS,
      title: 'Backup is UP',
      body: 'The downtime lasted 12 minutes, 24 seconds.',
      type: 'success',
    });
  });

  test('falls back to the title as the body when there is neither reason nor downtime', async () => {
    const { server, io } = await appriseApi();
    await apprise.notify(makeContext({ status: 'up', downtimeMs: null }), URLS, io);
    const [req] = await server.waitFor(1);
    assert.equal((req!.json() as { body: string }).body, 'Backup is UP.');
  });

  test('any failure is "Failed", tried once', async () => {
    const { server, io } = await appriseApi();
    server.reply({ status: 424, body: { error: 'One or more notification could not be sent.' } });
    assert.deepEqual(await apprise.notify(makeContext(), URLS, io), { ok: false, error: 'Failed', permanent: false });
    assert.equal(server.requests.length, 1);
  });

  test('a server error is "Failed" too', async () => {
    const { server, io } = await appriseApi();
    server.reply({ status: 500 });
    assert.deepEqual(await apprise.notify(makeContext(), URLS, io), { ok: false, error: 'Failed', permanent: false });
  });

  test('is disabled unless APPRISE_ENABLED is on and APPRISE_API_URL is set', async () => {
    for (const env of [{ APPRISE_ENABLED: 'False' }, { APPRISE_API_URL: '' }]) {
      const { server, io } = await appriseApi(env);
      assert.deepEqual(await apprise.notify(makeContext(), URLS, io), {
        ok: false,
        error: 'Apprise is disabled and/or not installed',
        permanent: false,
      });
      assert.equal(server.requests.length, 0);
    }
  });

  test('is never a no-op', () => {
    assert.equal(apprise.isNoop(URLS, 'down'), false);
    assert.equal(apprise.isNoop(URLS, 'up'), false);
  });
});

describe('apprise stored value and config schema', () => {
  test('stores the URL as is', () => {
    assert.equal(apprise.toStored(URLS), URLS);
    assert.equal(apprise.fromStored(URLS), URLS);
  });

  test('takes a URL of at most 512 characters', () => {
    assert.equal(apprise.configSchema.parse(` ${URLS} `), URLS);
    const message = (input: unknown) => apprise.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message(''), 'config must not be empty');
    assert.equal(message(`json://${'a'.repeat(510)}`), 'config is too long (at most 512 characters)');
    assert.equal(message({ url: URLS }), 'config must be an Apprise URL string');
  });
});
