import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { msteamswIntegration as msteamsw } from './msteamsw.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; hook: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, hook: `${server.url}/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=s` };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';

function message(fallbackText: string, body: unknown[]) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          fallbackText,
          version: '1.2',
          body,
          actions: [{ type: 'Action.OpenUrl', title: 'View in Mychecks', url: CLOAKED }],
        },
      },
    ],
  };
}

const heading = (text: string) => ({ type: 'TextBlock', text, weight: 'bolder', size: 'medium', wrap: true, style: 'heading' });

describe('msteamsw', () => {
  test('posts an Adaptive Card with the facts and the ping body on a down flip', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext();
    ctx.check = { ...ctx.check, desc: 'Nightly\ndatabase backup' };
    assert.deepEqual(await msteamsw.notify(ctx, hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=s');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(
      req!.json(),
      message('“Backup” is DOWN.', [
        heading('🔴 “Backup” is DOWN (success signal did not arrive on time, grace time passed).'),
        {
          type: 'FactSet',
          facts: [
            { title: 'Description:', value: 'Nightly\n\ndatabase backup' },
            { title: 'Project:', value: 'Ops' },
            { title: 'Tags:', value: 'prod db' },
            { title: 'Period:', value: '1 day' },
            { title: 'Total Pings:', value: '42' },
            { title: 'Last Ping:', value: 'Success, 2 days ago' },
          ],
        },
        { type: 'TextBlock', text: 'Last Ping Body:', weight: 'bolder' },
        { type: 'CodeBlock', codeSnippet: 'backup finished: 12 GB', language: 'PlainText' },
      ]),
    );
  });

  test('posts the downtime and the schedule on an up flip', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 0 });
    ctx.check = { ...ctx.check, desc: '', tags: '', kind: 'cron', schedule: '*/10 * * * *', tz: 'Asia/Tokyo' };
    ctx.lastPing = null;
    assert.deepEqual(await msteamsw.notify(ctx, hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(
      req!.json(),
      message('“Backup” is UP.', [
        heading('🟢 “Backup” is UP. The downtime lasted 0 seconds.'),
        {
          type: 'FactSet',
          facts: [
            { title: 'Project:', value: 'Ops' },
            { title: 'Schedule:', value: '\u034f*/10 \u034f* \u034f* \u034f* \u034f*' },
            { title: 'Time Zone:', value: 'Asia/Tokyo' },
            { title: 'Total Pings:', value: '0' },
            { title: 'Last Ping:', value: 'Never' },
          ],
        },
      ]),
    );
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await msteamsw.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when MSTEAMS_ENABLED is off', async () => {
    const { server, io, hook } = await setup({ MSTEAMS_ENABLED: 'False' });
    assert.deepEqual(await msteamsw.notify(makeContext(), hook, io), {
      ok: false,
      error: 'MS Teams notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down', () => {
    assert.equal(msteamsw.isNoop('https://prod.westus.logic.azure.com/workflows/x', 'down'), false);
    assert.equal(msteamsw.isNoop('https://prod.westus.logic.azure.com/workflows/x', 'up'), false);
    assert.equal(msteamsw.label, 'Microsoft Teams');
  });

  test('stores the workflow URL as is and validates it', () => {
    const url = 'https://prod.westus.logic.azure.com/workflows/x';
    assert.equal(msteamsw.fromStored(url), url);
    assert.equal(msteamsw.toStored(url), url);
    assert.equal(msteamsw.configSchema.parse(url), url);
    const error = (input: unknown) => msteamsw.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error('mailto:ops@example.org'), 'config is not a valid URL');
    assert.equal(error(7), 'config must be a string');
  });
});
