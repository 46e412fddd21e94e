import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { mattermostIntegration as mattermost } from './mattermost.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; hook: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, hook: `${server.url}/hooks/xyz123` };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';

describe('mattermost', () => {
  test('posts the Slack payload to the incoming webhook on a down flip', async () => {
    const { server, io, hook } = await setup();
    assert.deepEqual(await mattermost.notify(makeContext(), hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/hooks/xyz123');
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
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 1_000 });
    ctx.check = { ...ctx.check, desc: '', tags: '' };
    ctx.lastPing = { ...ctx.lastPing!, kind: 'fail', exitStatus: 3, body: null };
    assert.deepEqual(await mattermost.notify(ctx, hook, io), { ok: true });

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
          text: 'The downtime lasted 1 second.',
          fields: [
            { title: 'Project', value: 'Ops', short: true },
            { title: 'Period', value: '1 day', short: true },
            { title: 'Total Pings', value: '42', short: true },
            { title: 'Last Ping', value: 'Exit status 3, 2 days ago', short: true },
          ],
        },
      ],
    });
  });

  test('reports a 500 after three attempts, a 404 too (only Slack and Discord give up on it)', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await mattermost.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);

    server.reply({ status: 404 });
    assert.deepEqual(await mattermost.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 404',
      permanent: false,
    });
    assert.equal(server.requests.length, 6);
  });

  test('answers "not enabled" without a request when MATTERMOST_ENABLED is off', async () => {
    const { server, io, hook } = await setup({ MATTERMOST_ENABLED: 'False' });
    assert.deepEqual(await mattermost.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Mattermost notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down', () => {
    assert.equal(mattermost.isNoop('https://chat.example.org/hooks/x', 'down'), false);
    assert.equal(mattermost.isNoop('https://chat.example.org/hooks/x', 'up'), false);
    assert.equal(mattermost.label, 'Mattermost');
  });

  test('stores the webhook URL as is and validates it', () => {
    const url = 'https://chat.example.org/hooks/x';
    assert.equal(mattermost.fromStored(url), url);
    assert.equal(mattermost.toStored(url), url);
    assert.equal(mattermost.configSchema.parse(url), url);
    const error = (input: unknown) => mattermost.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error('chat.example.org/hooks/x'), 'config is not a valid URL');
    assert.equal(error({ url }), 'config must be a string');
    assert.equal(error(`https://chat.example.org/${'x'.repeat(1000)}`), 'config must be at most 1000 characters');
  });
});
