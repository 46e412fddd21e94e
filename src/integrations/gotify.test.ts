import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, others, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import { gotifyIntegration as gotify, type GotifyConfig } from './gotify.js';
import type { IntegrationIo } from './integration.js';

const recordingTarget = useRecordingTargets();

/** A Gotify server mounted under /gotify, as behind a reverse proxy. */
async function gotifyServer(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; config: GotifyConfig }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, config: { url: `${server.url}/gotify`, token: 'A.bc/12&3', priority: 9, priority_up: 2 } };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const FACTS = [
  '**Project:** Ops',
  '**Tags:** `prod` `db`',
  '**Period:** 1 day',
  '**Total Pings:** 42',
  '**Last Ping:** Success, 2 days ago',
];
const EXTRAS = { 'client::display': { contentType: 'text/markdown' } };

describe('gotify', () => {
  test('posts a markdown message with the down priority to <url>/message', async () => {
    const { server, io, config } = await gotifyServer();
    assert.deepEqual(await gotify.notify(makeContext(), config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/gotify/message?token=A.bc%2F12%263');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      title: 'Backup is DOWN',
      message: [
        `🔴 The check [Backup](${CLOAKED}) is **DOWN**. Reason: success signal did not arrive on time, grace time passed.`,
        '',
        ...FACTS,
      ].join('\n'),
      extras: EXTRAS,
      priority: 9,
    });
  });

  test('posts with the up priority on an up flip, summarising many other down checks', async () => {
    const { server, io, config } = await gotifyServer();
    const down = Array.from({ length: 11 }, (_, i) => ({ name: `Other ${i}`, code: `c${i}`, lastPingAt: null }));
    const ctx = makeContext({
      status: 'up',
      flip: { at: 0, oldStatus: 'down', reason: '' },
      downtimeMs: 4_320_000,
      otherChecks: others(down),
    });
    assert.deepEqual(await gotify.notify(ctx, { ...config, url: `${config.url}/` }, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.url, '/gotify/message?token=A.bc%2F12%263');
    assert.deepEqual(req!.json(), {
      title: 'Backup is UP',
      message: [
        `🟢 The check [Backup](${CLOAKED}) is now **UP**. The downtime lasted 1 hour, 12 minutes.`,
        '',
        ...FACTS,
        '',
        '11 other checks are still down.',
      ].join('\n'),
      extras: EXTRAS,
      priority: 2,
    });
  });

  test('is a no-op for a direction whose priority is 0', async () => {
    const { config } = await gotifyServer();
    assert.equal(gotify.isNoop({ ...config, priority: 0 }, 'down'), true);
    assert.equal(gotify.isNoop({ ...config, priority: 0 }, 'up'), false);
    assert.equal(gotify.isNoop({ ...config, priority_up: 0 }, 'up'), true);
    assert.equal(gotify.isNoop(config, 'down'), false);
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io, config } = await gotifyServer();
    server.reply({ status: 500 });
    assert.deepEqual(await gotify.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when GOTIFY_ENABLED is off', async () => {
    const { server, io, config } = await gotifyServer({ GOTIFY_ENABLED: 'False' });
    assert.deepEqual(await gotify.notify(makeContext(), config, io), {
      ok: false,
      error: 'Gotify notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads stored values, filling the default priorities', () => {
    assert.deepEqual(gotify.fromStored('{"url": "https://example.org", "token": "abc"}'), {
      url: 'https://example.org',
      token: 'abc',
      priority: 5,
      priority_up: 5,
    });
    assert.throws(() => gotify.fromStored('{"url": "https://example.org"}'));
    assert.throws(() => gotify.fromStored('not json'));
    const config = { url: 'https://example.org', token: 'abc', priority: 2, priority_up: 0 };
    assert.deepEqual(gotify.fromStored(gotify.toStored(config)), config);
  });

  test('validates the API config', () => {
    const first = (input: unknown) => gotify.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.deepEqual(gotify.configSchema.parse({ url: 'https://example.org', token: 'abc', priority: 0 }), {
      url: 'https://example.org',
      token: 'abc',
      priority: 0,
      priority_up: 5,
    });
    assert.equal(first({ url: 'https://example.org', token: 'abc', priority: 3 }), 'priority must be one of 0, 2, 5, 9');
    assert.equal(first({ url: 'example.org', token: 'abc' }), 'url is not a valid URL');
    assert.equal(first({ url: 'https://example.org' }), 'token is required');
    assert.equal(first(null), 'config must be an object');
    assert.equal(gotify.configSchema.safeParse({ url: 'https://example.org', token: 'a', x: 1 }).success, false);
    assert.deepEqual(gotify.secretFields, ['token']);
  });
});
