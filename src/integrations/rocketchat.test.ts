import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { rocketchatIntegration as rocketchat } from './rocketchat.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo; hook: string }> {
  const { server, io } = await recordingTarget(env);
  return { server, io, hook: `${server.url}/hooks/abc/def` };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';

describe('rocketchat', () => {
  test('posts a red attachment with the body size and a link to it on a down flip', async () => {
    const { server, io, hook } = await setup();
    assert.deepEqual(await rocketchat.notify(makeContext(), hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/hooks/abc/def');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.json(), {
      alias: 'Mychecks',
      avatar: 'https://checks.example.org/static/img/logo.png',
      text: `[Backup](${CLOAKED}) is DOWN (success signal did not arrive on time, grace time passed).`,
      attachments: [
        {
          color: '#d9534f',
          fields: [
            { title: 'Description', value: 'Nightly database backup' },
            { title: 'Project', value: 'Ops', short: true },
            { title: 'Tags', value: '`prod` `db`', short: true },
            { title: 'Period', value: '1 day', short: true },
            { title: 'Total Pings', value: '42', short: true },
            { title: 'Last Ping', value: 'Success, 2 days ago', short: true },
            { title: 'Last Ping Body', value: `22 bytes, [show body](${CLOAKED}#ping-42)`, short: true },
          ],
        },
      ],
    });
  });

  test('posts a green attachment with the downtime on an up flip', async () => {
    const { server, io, hook } = await setup();
    const ctx = makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 744_000 });
    ctx.check = { ...ctx.check, desc: '', tags: '', kind: 'oncalendar', schedule: '*-*-* 02:00', tz: 'Europe/Riga' };
    ctx.lastPing = { ...ctx.lastPing!, body: new Uint8Array([0x41]) };
    assert.deepEqual(await rocketchat.notify(ctx, hook, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      alias: 'Mychecks',
      avatar: 'https://checks.example.org/static/img/logo.png',
      text: `[Backup](${CLOAKED}) is UP. The downtime lasted 12 minutes, 24 seconds.`,
      attachments: [
        {
          color: '#5cb85c',
          fields: [
            { title: 'Project', value: 'Ops', short: true },
            { title: 'Schedule', value: '\\*-\\*-\\* 02:00', short: true },
            { title: 'Time Zone', value: 'Europe/Riga', short: true },
            { title: 'Total Pings', value: '42', short: true },
            { title: 'Last Ping', value: 'Success, 2 days ago', short: true },
            { title: 'Last Ping Body', value: `1 byte, [show body](${CLOAKED}#ping-42)`, short: true },
          ],
        },
      ],
    });
  });

  test('shows "Never" and no body field when the check never pinged', async () => {
    const { server, io, hook } = await setup();
    await rocketchat.notify(makeContext({ lastPing: null }), hook, io);
    const [req] = await server.waitFor(1);
    const fields = (req!.json() as { attachments: { fields: unknown[] }[] }).attachments[0]!.fields;
    assert.deepEqual(fields.slice(-2), [
      { title: 'Total Pings', value: '0', short: true },
      { title: 'Last Ping', value: 'Never', short: true },
    ]);
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io, hook } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await rocketchat.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a request when ROCKETCHAT_ENABLED is off', async () => {
    const { server, io, hook } = await setup({ ROCKETCHAT_ENABLED: 'False' });
    assert.deepEqual(await rocketchat.notify(makeContext(), hook, io), {
      ok: false,
      error: 'Rocket.Chat notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down', () => {
    assert.equal(rocketchat.isNoop('https://chat.example.org/hooks/x', 'down'), false);
    assert.equal(rocketchat.isNoop('https://chat.example.org/hooks/x', 'up'), false);
    assert.equal(rocketchat.label, 'Rocket.Chat');
  });

  test('stores the webhook URL as is and validates it', () => {
    const url = 'https://chat.example.org/hooks/x';
    assert.equal(rocketchat.fromStored(url), url);
    assert.equal(rocketchat.toStored(url), url);
    assert.equal(rocketchat.configSchema.parse(url), url);
    const error = (input: unknown) => rocketchat.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error('javascript:alert(1)'), 'config is not a valid URL');
    assert.equal(error(undefined), 'config is required');
  });
});
