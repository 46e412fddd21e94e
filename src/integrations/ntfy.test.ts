import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, others, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { ntfyBearerToken, ntfyIntegration as ntfy, type NtfyConfig } from './ntfy.js';

const recordingTarget = useRecordingTargets();

async function ntfyServer(
  env: Env = {},
  overrides: Partial<IntegrationIo> = {},
): Promise<{ server: RecordingServer; io: IntegrationIo; config: NtfyConfig }> {
  const { server, io } = await recordingTarget(env, overrides);
  const config = { topic: 'alerts-7f3a', url: server.url, token: 'tk_test', priority: 5, priority_up: 1 };
  return { server, io, config };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const FACTS = [
  '**Project:** Ops',
  '**Tags:** `prod` `db`',
  '**Period:** 1 day',
  '**Total Pings:** 42',
  '**Last Ping:** Success, 2 days ago',
];
const upContext = () =>
  makeContext({
    status: 'up',
    flip: { at: 0, oldStatus: 'down', reason: '' },
    downtimeMs: 4_320_000,
    otherChecks: others([]),
  });

describe('ntfy', () => {
  test('publishes a markdown message with the down priority and the token', async () => {
    const { server, io, config } = await ntfyServer();
    assert.deepEqual(await ntfy.notify(makeContext(), config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/');
    assert.equal(req!.headers.authorization, 'Bearer tk_test');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(req!.json(), {
      topic: 'alerts-7f3a',
      priority: 5,
      title: 'Backup is DOWN',
      message: ['Reason: success signal did not arrive on time, grace time passed.', '', ...FACTS].join('\n'),
      markdown: true,
      tags: ['red_circle'],
      actions: [{ action: 'view', label: 'View on Mychecks', url: CLOAKED }],
    });
  });

  test('publishes with the up priority, and without a token sends no Authorization', async () => {
    const { server, io, config } = await ntfyServer({ NTFY_SH_TOKEN: 'tk_server_wide' });
    assert.deepEqual(await ntfy.notify(upContext(), { ...config, token: null }, io), { ok: true });

    const [req] = await server.waitFor(1);
    // NTFY_SH_TOKEN is for ntfy.sh only, never for another server.
    assert.equal(req!.headers.authorization, undefined);
    assert.deepEqual(req!.json(), {
      topic: 'alerts-7f3a',
      priority: 1,
      title: 'Backup is UP',
      message: ['The downtime lasted 1 hour, 12 minutes.', '', ...FACTS, '', 'All the other checks are up.'].join('\n'),
      markdown: true,
      tags: ['green_circle'],
      actions: [{ action: 'view', label: 'View on Mychecks', url: CLOAKED }],
    });
  });

  test('uses NTFY_SH_TOKEN for https://ntfy.sh when the channel has no token', () => {
    assert.equal(ntfyBearerToken({ url: 'https://ntfy.sh', token: null }, 'tk_sh'), 'tk_sh');
    assert.equal(ntfyBearerToken({ url: 'https://ntfy.sh/', token: null }, 'tk_sh'), 'tk_sh');
    assert.equal(ntfyBearerToken({ url: 'https://ntfy.sh', token: 'tk_own' }, 'tk_sh'), 'tk_own');
    assert.equal(ntfyBearerToken({ url: 'http://ntfy.sh', token: null }, 'tk_sh'), null);
    assert.equal(ntfyBearerToken({ url: 'https://ntfy.sh.evil.example', token: null }, 'tk_sh'), null);
    assert.equal(ntfyBearerToken({ url: 'https://ntfy.sh', token: null }, null), null);
  });

  test('is a no-op for a direction whose priority is 0', async () => {
    const { config } = await ntfyServer();
    assert.equal(ntfy.isNoop({ ...config, priority: 0 }, 'down'), true);
    assert.equal(ntfy.isNoop({ ...config, priority: 0 }, 'up'), false);
    assert.equal(ntfy.isNoop({ ...config, priority_up: 0 }, 'up'), true);
    assert.equal(ntfy.isNoop(config, 'down'), false);
  });

  test('allows six messages a minute per server and topic', async () => {
    const asked: [string, number, number][] = [];
    const allow = (key: string, capacity: number, periodMs: number) => {
      asked.push([key, capacity, periodMs]);
      return Promise.resolve(false);
    };
    const { server, io, config } = await ntfyServer({}, { allow });
    const result = await ntfy.notify(makeContext(), { ...config, url: 'https://ntfy.example.org' }, io);
    assert.deepEqual(result, { ok: false, error: 'Rate limit exceeded', permanent: false });
    // sha1("<url> <topic>" + SECRET_KEY)
    assert.deepEqual(asked, [['ntfy-e897851b6cd38a4299673727078fc0578d8f8d64', 6, 60_000]]);
    assert.equal(server.requests.length, 0);
  });

  test('reports a server error after three attempts, as a transient error', async () => {
    const { server, io, config } = await ntfyServer();
    server.reply({ status: 500 });
    assert.deepEqual(await ntfy.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing when NTFY_ENABLED is off', async () => {
    const { server, io, config } = await ntfyServer({ NTFY_ENABLED: 'False' });
    assert.deepEqual(await ntfy.notify(makeContext(), config, io), {
      ok: false,
      error: 'ntfy notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads stored values, filling defaults and reading an empty token as none', () => {
    assert.deepEqual(ntfy.fromStored('{"topic": "foo", "url": "https://example.org", "priority": 5, "priority_up": 1}'), {
      topic: 'foo',
      url: 'https://example.org',
      token: null,
      priority: 5,
      priority_up: 1,
    });
    const read = (value: string) => ntfy.fromStored(value) as NtfyConfig;
    assert.equal(read('{"topic": "foo", "url": "https://ntfy.sh", "token": ""}').token, null);
    assert.equal(read('{"topic": "foo", "url": "https://ntfy.sh"}').priority, 3);
    assert.throws(() => ntfy.fromStored('{"url": "https://ntfy.sh"}'));
    const config = { topic: 'foo', url: 'https://ntfy.sh', token: 'tk', priority: 3, priority_up: 0 };
    assert.deepEqual(ntfy.fromStored(ntfy.toStored(config)), config);
  });

  test('validates the API config', () => {
    assert.deepEqual(ntfy.configSchema.parse({ topic: 'foo', url: 'https://ntfy.sh' }), {
      topic: 'foo',
      url: 'https://ntfy.sh',
      token: null,
      priority: 3,
      priority_up: 3,
    });
    const first = (input: unknown) => ntfy.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(first({ topic: 'x'.repeat(65), url: 'https://ntfy.sh' }), 'topic must be at most 64 characters');
    assert.equal(first({ topic: 'foo', url: 'ntfy.sh' }), 'url is not a valid URL');
    assert.equal(first({ topic: 'foo', url: 'https://ntfy.sh', priority: 6 }), 'priority must be one of 0, 1, 2, 3, 4, 5');
    assert.equal(
      first({ topic: 'foo', url: 'https://ntfy.sh', priority_up: '1' }),
      'priority_up must be one of 0, 1, 2, 3, 4, 5',
    );
    assert.equal(first({ url: 'https://ntfy.sh' }), 'topic is required');
    assert.equal(first('https://ntfy.sh'), 'config must be an object');
    assert.equal(ntfy.configSchema.safeParse({ topic: 'foo', url: 'https://ntfy.sh', extra: true }).success, false);
    assert.deepEqual(ntfy.secretFields, ['token']);
  });
});
