import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import { discordIntegration as discord, discordWebhookUrl } from './discord.js';
import type { IntegrationIo } from './integration.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; config: unknown }> {
  const { server, io } = await recordingTarget(env);
  const stored = JSON.stringify({
    access_token: 'secret',
    refresh_token: 'secret2',
    webhook: { id: '123', url: `${server.url}/api/webhooks/123/tok` },
    guild: { id: '456', name: 'Acme' },
  });
  return { server, io, config: discord.fromStored(stored) };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';

describe('discord', () => {
  test("posts the Slack payload to the webhook's /slack endpoint on a down flip", async () => {
    const { server, io, config } = await setup();
    assert.deepEqual(await discord.notify(makeContext(), config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/api/webhooks/123/tok/slack');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.json(), {
      username: 'Mychecks',
      icon_url: 'https://checks.example.org/static/img/logo.png',
      attachments: [
        {
          color: 'danger',
          fallback: 'The check "Backup" is DOWN.',
          mrkdwn_in: ['fields'],
          title: '“Backup” is DOWN.',
          title_link: CLOAKED,
          text: 'Reason: success signal did not arrive on time, grace time passed.',
          fields: [
            { title: 'Description', value: 'Nightly database backup' },
            { title: 'Project', value: 'Ops', short: true },
            { title: 'Tags', value: '`prod` `db`', short: true },
            { title: 'Period', value: '1 day', short: true },
            { title: 'Total Pings', value: '42', short: true },
            { title: 'Last Ping', value: 'Success, 2 days ago', short: true },
            { title: 'Last Ping Body', value: '```\nbackup finished: 12 GB\n```' },
          ],
        },
      ],
    });
  });

  test('escapes schedule asterisks with backslashes on an up flip', async () => {
    const { server, io, config } = await setup();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 3 * 86_400_000 });
    ctx.check = { ...ctx.check, desc: '', tags: 'web', kind: 'cron', schedule: '0 * * * *', tz: 'UTC' };
    ctx.lastPing = null;
    assert.deepEqual(await discord.notify(ctx, config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      username: 'Mychecks',
      icon_url: 'https://checks.example.org/static/img/logo.png',
      attachments: [
        {
          color: 'good',
          fallback: 'The check "Backup" is UP.',
          mrkdwn_in: ['fields'],
          title: '“Backup” is UP.',
          title_link: CLOAKED,
          text: 'The downtime lasted 3 days, 0 hours.',
          fields: [
            { title: 'Project', value: 'Ops', short: true },
            { title: 'Tags', value: '`web`', short: true },
            { title: 'Schedule', value: '0 \\* \\* \\* \\*', short: true },
            { title: 'Time Zone', value: 'UTC', short: true },
            { title: 'Total Pings', value: '0', short: true },
            { title: 'Last Ping', value: 'Never', short: true },
          ],
        },
      ],
    });
  });

  test('rewrites the legacy discordapp.com host to discord.com', () => {
    const config = discord.fromStored('{"webhook": {"id": "1", "url": "https://discordapp.com/api/webhooks/1/t"}}');
    assert.equal(discordWebhookUrl(config as never), 'https://discord.com/api/webhooks/1/t');
    const current = discord.fromStored('{"webhook": {"id": "1", "url": "https://discord.com/api/webhooks/1/t"}}');
    assert.equal(discordWebhookUrl(current as never), 'https://discord.com/api/webhooks/1/t');
  });

  test('treats a 404 as permanent after a single attempt', async () => {
    const { server, io, config } = await setup();
    server.reply({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
    assert.deepEqual(await discord.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 404',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io, config } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await discord.notify(makeContext(), config, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when DISCORD_ENABLED is off', async () => {
    const { server, io, config } = await setup({ DISCORD_ENABLED: 'False' });
    assert.deepEqual(await discord.notify(makeContext(), config, io), {
      ok: false,
      error: 'Discord notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down and masks the OAuth tokens and the webhook URL', () => {
    const config = discord.fromStored('{"webhook": {"url": "https://discord.com/api/webhooks/1/t"}}');
    assert.equal(discord.isNoop(config, 'down'), false);
    assert.equal(discord.isNoop(config, 'up'), false);
    assert.deepEqual(discord.secretFields, ['access_token', 'refresh_token', 'webhook.url'], 'the webhook URL carries its token');
  });

  test('keeps the whole stored document and refuses one without a webhook URL', () => {
    const stored = { access_token: 'a', webhook: { id: '1', url: 'https://discord.com/api/webhooks/1/t' }, guild: { id: '2' } };
    assert.deepEqual(JSON.parse(discord.toStored(discord.fromStored(JSON.stringify(stored)))), stored);
    assert.throws(() => discord.fromStored('https://discord.com/api/webhooks/1/t'), /discord: stored value is not JSON/);
    assert.throws(() => discord.fromStored('{"guild": {}}'), /webhook is required/);
  });

  test('validates the API config', () => {
    const error = (input: unknown) => discord.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.deepEqual(discord.configSchema.parse({ webhook: { url: 'https://discord.com/api/webhooks/1/t' } }), {
      webhook: { url: 'https://discord.com/api/webhooks/1/t' },
    });
    assert.equal(error({ webhook: { url: 'discord.com/x' } }), 'webhook.url is not a valid URL');
    assert.equal(error({ webhook: {} }), 'webhook.url is required');
    assert.equal(error({}), 'webhook is required');
    assert.equal(error('https://discord.com/api/webhooks/1/t'), 'config must be an object');
  });
});
