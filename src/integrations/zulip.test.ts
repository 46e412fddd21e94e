import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { zulipIntegration as zulip } from './zulip.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget(env);
  return { server, io };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const BASIC = `Basic ${Buffer.from('alerts-bot@zulip.example.org:k3y').toString('base64')}`;

function config(site: string, overrides: Record<string, unknown> = {}) {
  return zulip.configSchema.parse({
    bot_email: 'alerts-bot@zulip.example.org',
    api_key: 'k3y',
    mtype: 'stream',
    to: 'ops',
    site,
    ...overrides,
  });
}

describe('zulip', () => {
  test('posts a stream message with the default topic on a down flip', async () => {
    const { server, io } = await setup();
    assert.deepEqual(await zulip.notify(makeContext(), config(server.url), io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/api/v1/messages');
    assert.equal(req!.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req!.headers.authorization, BASIC);
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.form(), {
      type: 'stream',
      to: 'ops',
      topic: 'Backup is DOWN',
      content: `[Backup](${CLOAKED}) is **DOWN** (success signal did not arrive on time, grace time passed).\n\n---\n**Description**\nNightly database backup`,
    });
  });

  test('sends to a numeric private recipient as a list, under the configured topic, on an up flip', async () => {
    const { server, io } = await setup();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });
    ctx.check = { ...ctx.check, desc: '' };
    const cfg = config(`${server.url}/`, { mtype: 'private', to: '12345', topic: 'Cron jobs' });
    assert.deepEqual(await zulip.notify(ctx, cfg, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.url, '/api/v1/messages');
    assert.deepEqual(req!.form(), {
      type: 'private',
      to: '[12345]',
      topic: 'Cron jobs',
      content: `[Backup](${CLOAKED}) is **UP**.\nThe downtime lasted 1 hour, 12 minutes.`,
    });
  });

  test('sends to a private recipient given by email as is', async () => {
    const { server, io } = await setup();
    await zulip.notify(makeContext(), config(server.url, { mtype: 'private', to: 'alice@example.org' }), io);
    const [req] = await server.waitFor(1);
    assert.equal(req!.form().to, 'alice@example.org');
  });

  test("adds Zulip's error message to the status code, and retries", async () => {
    const { server, io } = await setup();
    server.reply({ status: 400, body: { result: 'error', msg: "Stream 'ops' does not exist", code: 'STREAM_DOES_NOT_EXIST' } });
    assert.deepEqual(await zulip.notify(makeContext(), config(server.url), io), {
      ok: false,
      error: 'Received status code 400 with a message: "Stream \'ops\' does not exist"',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('reports a 500 without a JSON body after three attempts', async () => {
    const { server, io } = await setup();
    server.reply({ status: 500, body: 'Internal Server Error' });
    assert.deepEqual(await zulip.notify(makeContext(), config(server.url), io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when ZULIP_ENABLED is off', async () => {
    const { server, io } = await setup({ ZULIP_ENABLED: 'False' });
    assert.deepEqual(await zulip.notify(makeContext(), config(server.url), io), {
      ok: false,
      error: 'Zulip notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down, masks the API key and names the channel after its recipient', () => {
    const cfg = config('https://zulip.example.org');
    assert.equal(zulip.isNoop(cfg, 'down'), false);
    assert.equal(zulip.isNoop(cfg, 'up'), false);
    assert.deepEqual(zulip.secretFields, ['api_key']);
    assert.equal(zulip.displayName!(cfg), 'Zulip stream ops');
    assert.equal(
      zulip.displayName!(config('https://zulip.example.org', { mtype: 'private', to: 'alice@example.org' })),
      'Zulip user alice@example.org',
    );
  });

  test('reads a stored value without site or topic, defaulting the site to the bot email domain', () => {
    const legacy = '{"bot_email": "bot@chat.example.net", "api_key": "k", "mtype": "stream", "to": "general"}';
    const cfg = zulip.fromStored(legacy);
    assert.deepEqual(cfg, {
      bot_email: 'bot@chat.example.net',
      api_key: 'k',
      mtype: 'stream',
      to: 'general',
      site: 'https://chat.example.net',
      topic: '',
    });
    assert.deepEqual(zulip.fromStored(zulip.toStored(cfg)), cfg);
    assert.throws(() => zulip.fromStored('bot@chat.example.net'), /zulip: stored value is not JSON/);
  });

  test('validates the API config, naming the field', () => {
    const good = { bot_email: 'bot@zulip.example.org', api_key: 'k', mtype: 'stream', to: 'ops' };
    assert.equal((zulip.configSchema.parse(good) as { site: string }).site, 'https://zulip.example.org');
    const error = (input: unknown) => zulip.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error({ ...good, bot_email: 'bot' }), 'bot_email is not a valid email address');
    assert.equal(error({ ...good, api_key: '' }), 'api_key is required');
    assert.equal(error({ ...good, mtype: 'topic' }), 'mtype must be "stream" or "private"');
    assert.equal(error({ ...good, to: undefined }), 'to is required');
    assert.equal(error({ ...good, site: 'zulip.example.org' }), 'site is not a valid URL');
    assert.equal(error({ ...good, topic: 5 }), 'topic must be a string');
    assert.equal(error({ ...good, stream: 'ops' }), 'Unrecognized key: "stream"');
    assert.equal(error('bot@zulip.example.org'), 'config must be an object');
  });
});
