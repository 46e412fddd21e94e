import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { slackIntegration as slack } from './slack.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; hook: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, hook: `${server.url}/services/T000/B000/XXXX` };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 5_400_000 });

describe('slack', () => {
  test('posts the Slack payload with the reason and every field on a down flip', async () => {
    const { server, io, hook } = await setup();
    assert.deepEqual(await slack.notify(makeContext(), hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/services/T000/B000/XXXX');
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

  test('posts a green attachment with the downtime on an up flip', async () => {
    const { server, io, hook } = await setup();
    const ctx = upContext();
    ctx.check = { ...ctx.check, desc: '', tags: '', kind: 'cron', schedule: '*/5 * * * *', tz: 'Europe/Riga' };
    ctx.project = { ...ctx.project, name: '' };
    ctx.lastPing = null;
    assert.deepEqual(await slack.notify(ctx, hook, io), { ok: true });

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
          text: 'The downtime lasted 1 hour, 30 minutes.',
          fields: [
            // A combining grapheme joiner keeps `*/5` from turning into emphasis.
            { title: 'Schedule', value: '\u034f*/5 \u034f* \u034f* \u034f* \u034f*', short: true },
            { title: 'Time Zone', value: 'Europe/Riga', short: true },
            { title: 'Total Pings', value: '0', short: true },
            { title: 'Last Ping', value: 'Never', short: true },
          ],
        },
      ],
    });
  });

  test('sends no text when a down flip has no known reason, and names an unnamed check by its UUID', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext({ flip: { at: 0, oldStatus: 'up', reason: '' } });
    ctx.check = { ...ctx.check, name: '' };
    await slack.notify(ctx, hook, io);

    const [req] = await server.waitFor(1);
    const attachment = (req!.json() as { attachments: Record<string, unknown>[] }).attachments[0]!;
    assert.equal(attachment.text, null);
    assert.equal(attachment.title, '“0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10” is DOWN.');
  });

  test('leaves out a ping body that holds triple backticks', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext();
    ctx.lastPing = { ...ctx.lastPing!, body: new TextEncoder().encode('```\nrm -rf\n```') };
    await slack.notify(ctx, hook, io);

    const [req] = await server.waitFor(1);
    const fields = (req!.json() as { attachments: { fields: { title: string }[] }[] }).attachments[0]!.fields;
    assert.deepEqual(
      fields.map((f) => f.title),
      ['Description', 'Project', 'Tags', 'Period', 'Total Pings', 'Last Ping'],
    );
  });

  test('posts to the webhook of an OAuth channel and names it after its Slack channel', async () => {
    const { server, io, hook } = await setup();
    const stored = JSON.stringify({
      ok: true,
      access_token: 'xoxp-secret',
      team_name: 'Acme',
      incoming_webhook: { url: hook, channel: '#ops', configuration_url: 'https://acme.slack.com/services/B000' },
    });
    const config = slack.fromStored(stored);
    assert.equal(slack.displayName!(config), 'Slack #ops');
    assert.deepEqual(JSON.parse(slack.toStored(config)), JSON.parse(stored));
    assert.deepEqual(await slack.notify(makeContext(), config, io), { ok: true });
    const [req] = await server.waitFor(1);
    assert.equal(req!.url, '/services/T000/B000/XXXX');
  });

  test('treats a 404 as permanent after a single attempt', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 404, body: 'no_service' });
    assert.deepEqual(await slack.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 404',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);
  });

  test('treats a 400 `invalid_token` as permanent, other 400s as transient', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 400, body: 'invalid_token' });
    assert.deepEqual(await slack.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 400',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);

    server.reply({ status: 400, body: 'invalid_payload' });
    assert.deepEqual(await slack.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 400',
      permanent: false,
    });
    assert.equal(server.requests.length, 4);
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await slack.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when SLACK_ENABLED is off', async () => {
    const { server, io, hook } = await setup({ SLACK_ENABLED: 'False' });
    assert.deepEqual(await slack.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Slack notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down', () => {
    assert.equal(slack.isNoop('https://hooks.slack.com/x', 'down'), false);
    assert.equal(slack.isNoop('https://hooks.slack.com/x', 'up'), false);
    assert.equal(slack.label, 'Slack');
    assert.equal(slack.displayName!('https://hooks.slack.com/x'), 'Slack');
  });

  test('reads a plain webhook URL and the OAuth document, and refuses unreadable JSON', () => {
    assert.equal(slack.fromStored('https://hooks.slack.com/services/A/B/C'), 'https://hooks.slack.com/services/A/B/C');
    assert.deepEqual(slack.fromStored('{"incoming_webhook": {"url": "https://hooks.slack.com/x", "channel": "#a"}}'), {
      incoming_webhook: { url: 'https://hooks.slack.com/x', channel: '#a' },
    });
    assert.throws(() => slack.fromStored('{"team_name": "Acme"'), /slack: stored value is not JSON/);
    assert.throws(() => slack.fromStored('{"team_name": "Acme"}'), /incoming_webhook is required/);
  });

  test('validates the API config: a webhook URL or an OAuth document', () => {
    const ok = (input: unknown) => slack.configSchema.parse(input);
    const error = (input: unknown) => slack.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(ok('https://hooks.slack.com/services/A/B/C'), 'https://hooks.slack.com/services/A/B/C');
    assert.deepEqual(ok({ incoming_webhook: { url: 'https://hooks.slack.com/x', channel: '#ops' }, team_name: 'Acme' }), {
      incoming_webhook: { url: 'https://hooks.slack.com/x', channel: '#ops' },
      team_name: 'Acme',
    });
    assert.equal(error('ftp://hooks.slack.com/x'), 'config is not a valid URL');
    assert.equal(error(''), 'config is required');
    assert.equal(error({ incoming_webhook: { url: 'hooks.slack.com' } }), 'incoming_webhook.url is not a valid URL');
    assert.equal(error({}), 'config must be a webhook URL or an object with incoming_webhook.url');
    assert.equal(error(42), 'config must be a webhook URL or an object with incoming_webhook.url');
  });
});
