import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import { googlechatIntegration as googlechat } from './googlechat.js';
import type { IntegrationIo } from './integration.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; hook: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, hook: `${server.url}/v1/spaces/AAA/messages?key=k&token=t` };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const button = {
  buttonList: { buttons: [{ text: 'View in Mychecks', type: 'FILLED', onClick: { openLink: { url: CLOAKED } } }] },
};
const card = (widgets: unknown[]) => ({
  cardsV2: [{ card: { sections: [{ collapsible: true, uncollapsibleWidgetsCount: 1, widgets }] } }],
});

describe('googlechat', () => {
  test('posts a card with the reason and the check facts on a down flip', async () => {
    const { server, io, hook } = await setup();
    assert.deepEqual(await googlechat.notify(makeContext(), hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/v1/spaces/AAA/messages?key=k&token=t');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(
      req!.json(),
      card([
        {
          textParagraph: {
            text: '🔴 The check <b>Backup</b> is <b>DOWN</b>.\nReason: success signal did not arrive on time, grace time passed.',
          },
        },
        { decoratedText: { topLabel: 'Project', text: 'Ops' } },
        { decoratedText: { topLabel: 'Tags', text: 'prod, db' } },
        { decoratedText: { topLabel: 'Period', text: '1 day' } },
        { decoratedText: { topLabel: 'Total Pings', text: '42' } },
        { decoratedText: { topLabel: 'Last Ping', text: 'Success, 2 days ago' } },
        button,
      ]),
    );
  });

  test('posts the downtime and the schedule on an up flip, with the name escaped', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 5_400_000 });
    ctx.check = { ...ctx.check, name: 'db <primary> & co', tags: '', kind: 'cron', schedule: '0 3 * * *', tz: 'Europe/Riga' };
    ctx.project = { ...ctx.project, name: '' };
    ctx.lastPing = null;
    assert.deepEqual(await googlechat.notify(ctx, hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(
      req!.json(),
      card([
        {
          textParagraph: {
            text: '🟢 The check <b>db &lt;primary&gt; &amp; co</b> is now <b>UP</b>.\nThe downtime lasted 1 hour, 30 minutes.',
          },
        },
        { decoratedText: { topLabel: 'Schedule', text: '0 3 * * *' } },
        { decoratedText: { topLabel: 'Time Zone', text: 'Europe/Riga' } },
        { decoratedText: { topLabel: 'Total Pings', text: '0' } },
        { decoratedText: { topLabel: 'Last Ping', text: 'Never' } },
        button,
      ]),
    );
  });

  test('never puts the check UUID in the message', async () => {
    const { server, io, hook } = await setup();
    await googlechat.notify(makeContext(), hook, io);
    const [req] = await server.waitFor(1);
    assert.equal(req!.body.includes('0b7b0b6e-3f3c-4a4e-9d64-1d7c6f1f2a10'), false);
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await googlechat.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when GOOGLECHAT_ENABLED is off', async () => {
    const { server, io, hook } = await setup({ GOOGLECHAT_ENABLED: 'False' });
    assert.deepEqual(await googlechat.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Google Chat notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down', () => {
    assert.equal(googlechat.isNoop('https://chat.googleapis.com/v1/spaces/A/messages', 'down'), false);
    assert.equal(googlechat.isNoop('https://chat.googleapis.com/v1/spaces/A/messages', 'up'), false);
    assert.equal(googlechat.label, 'Google Chat');
  });

  test('stores the webhook URL as is and validates it', () => {
    const url = 'https://chat.googleapis.com/v1/spaces/A/messages?key=k';
    assert.equal(googlechat.fromStored(url), url);
    assert.equal(googlechat.toStored(url), url);
    assert.equal(googlechat.configSchema.parse(url), url);
    const error = (input: unknown) => googlechat.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error('not a url'), 'config is not a valid URL');
    assert.equal(error(''), 'config is required');
  });
});
