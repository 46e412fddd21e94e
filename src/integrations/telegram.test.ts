import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, NOW, others, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { telegramIntegration as telegram } from './telegram.js';

const recordingTarget = useRecordingTargets();

async function setup(
  env: Env = {},
  overrides: Partial<IntegrationIo> = {},
): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget(
    (url) => ({ TELEGRAM_TOKEN: '123456:ABC-token', TELEGRAM_API_URL: url, ...env }),
    overrides,
  );
  return { server, io };
}

const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const group = { id: -1001, type: 'group', name: 'Ops team', thread_id: null };
const error = (status: number, description: string, extra: object = {}) => ({
  status,
  body: { ok: false, error_code: status, description, ...extra },
});

describe('telegram', () => {
  test('sends an HTML message to the chat on a down flip, within the per-chat rate limit', async () => {
    const buckets: unknown[][] = [];
    const { server, io } = await setup(
      {},
      {
        allow: (...args) => {
          buckets.push(args);
          return Promise.resolve(true);
        },
      },
    );
    const ctx = makeContext({
      otherChecks: others([{ name: 'Sync & <copy>', code: '31365bce-8da9-4729-8ff3-aaa71d56b712', lastPingAt: NOW - 300_000 }]),
    });
    assert.deepEqual(await telegram.notify(ctx, telegram.configSchema.parse(group), io), { ok: true });

    assert.deepEqual(buckets, [['tg--1001', 6, 60_000]]);
    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/bot123456:ABC-token/sendMessage');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.json(), {
      chat_id: -1001,
      text: [
        `🔴 The check <a href="${CLOAKED}">Backup</a> is <b>DOWN</b> (success signal did not arrive on time, grace time passed).`,
        '',
        '<b>Project:</b> Ops',
        '<b>Tags:</b> prod, db',
        '<b>Period:</b> 1 day',
        '<b>Total Pings:</b> 42',
        '<b>Last Ping:</b> Success, 2 days ago',
        '<b>Last Ping Body:</b>',
        '<pre>backup finished: 12 GB</pre>',
        '',
        '1 other check is also down:',
        '- <a href="https://checks.example.org/cloaked/a6c7b0a8a66bed0df66abfdab3c77736861703ee/">Sync &amp; &lt;copy&gt;</a> (last ping: 5 minutes ago)',
      ].join('\n'),
      parse_mode: 'html',
    });
  });

  test('sends to the forum thread, with the downtime, on an up flip', async () => {
    const { server, io } = await setup();
    const down = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, code: `code-${i}`, lastPingAt: null }));
    const ctx = makeContext({
      status: 'up',
      flip: { at: 0, oldStatus: 'down', reason: '' },
      downtimeMs: 3_600_000,
      otherChecks: others(down),
      lastPing: null,
    });
    ctx.check = { ...ctx.check, name: '<b>x</b>', tags: '', kind: 'oncalendar', schedule: 'Mon *-*-* 09:00', tz: 'UTC' };
    ctx.project = { ...ctx.project, name: '' };
    const config = telegram.configSchema.parse({ id: 42, type: 'supergroup', name: 'Forum', thread_id: 7 });
    assert.deepEqual(await telegram.notify(ctx, config, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.deepEqual(req!.json(), {
      chat_id: 42,
      message_thread_id: 7,
      text: [
        `🟢 The check <a href="${CLOAKED}">&lt;b&gt;x&lt;/b&gt;</a> is now <b>UP</b>. The downtime lasted 1 hour, 0 minutes.`,
        '',
        '<b>Schedule:</b> <code>Mon *-*-* 09:00</code>',
        '<b>Time Zone:</b> UTC',
        '<b>Total Pings:</b> 0',
        '<b>Last Ping:</b> Never',
        '',
        '11 other checks are still down.',
      ].join('\n'),
      parse_mode: 'html',
    });
  });

  test('refuses to send once the chat is over its rate limit', async () => {
    const { server, io } = await setup({}, { allow: () => Promise.resolve(false) });
    assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), {
      ok: false,
      error: 'Rate limit exceeded',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('moves the channel to the supergroup a group was upgraded to, and sends there', async () => {
    const stored: string[] = [];
    const { server, io } = await setup(
      {},
      {
        updateChannelValue: (value) => {
          stored.push(value);
          return Promise.resolve();
        },
      },
    );
    server.reply((req) =>
      (req.json() as { chat_id: number }).chat_id === -1001
        ? error(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
            parameters: { migrate_to_chat_id: -1009999 },
          })
        : { status: 200, body: { ok: true, result: {} } },
    );
    assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), { ok: true });

    assert.deepEqual(
      stored.map((v) => JSON.parse(v) as unknown),
      [{ id: -1009999, type: 'group', name: 'Ops team', thread_id: null }],
    );
    const requests = await server.waitFor(2);
    assert.equal(requests.length, 2);
    assert.equal((requests[0]!.json() as { chat_id: number }).chat_id, -1001);
    assert.equal((requests[1]!.json() as { chat_id: number }).chat_id, -1009999);
    assert.equal(requests[1]!.url, '/bot123456:ABC-token/sendMessage');
  });

  test('treats the answers of a gone chat as permanent, after a single attempt', async () => {
    for (const description of [
      'Forbidden: bot was blocked by the user',
      'Forbidden: bot was kicked from the group chat',
      'Forbidden: bot was kicked from the supergroup chat',
      'Forbidden: the group chat was deleted',
      'Forbidden: user is deactivated',
      'Bad Request: chat not found',
    ]) {
      const { server, io } = await setup();
      const status = description.startsWith('Forbidden') ? 403 : 400;
      server.reply(error(status, description));
      assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), {
        ok: false,
        error: `Received status code ${status} with a message: "${description}"`,
        permanent: true,
      });
      assert.equal(server.requests.length, 1, description);
    }
  });

  test("retries other errors and reports Telegram's description", async () => {
    const { server, io } = await setup();
    server.reply(error(400, 'Bad Request: message is too long'));
    assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), {
      ok: false,
      error: 'Received status code 400 with a message: "Bad Request: message is too long"',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('reports a 500 without a JSON body after three attempts', async () => {
    const { server, io } = await setup();
    server.reply({ status: 500, body: 'oops' });
    assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a bot token', async () => {
    const { server, io } = await setup({ TELEGRAM_TOKEN: '' });
    assert.deepEqual(await telegram.notify(makeContext(), telegram.configSchema.parse(group), io), {
      ok: false,
      error: 'Telegram notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('notifies on both up and down and is named after the chat', () => {
    const config = telegram.configSchema.parse(group);
    assert.equal(telegram.isNoop(config, 'down'), false);
    assert.equal(telegram.isNoop(config, 'up'), false);
    assert.equal(telegram.displayName!(config), 'Telegram Ops team');
  });

  test('reads a stored value from before forum threads', () => {
    const config = telegram.fromStored('{"id": 1234, "type": "private", "name": "alice"}');
    assert.deepEqual(config, { id: 1234, type: 'private', name: 'alice', thread_id: null });
    assert.deepEqual(telegram.fromStored(telegram.toStored(config)), config);
    assert.throws(() => telegram.fromStored('1234'), /telegram: config must be an object/);
    assert.throws(() => telegram.fromStored('{"id": 1'), /telegram: stored value is not JSON/);
  });

  test('validates the API config, naming the field', () => {
    const message = (input: unknown) => telegram.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(message({ ...group, id: '-1001' }), 'id must be an integer chat ID');
    assert.equal(message({ ...group, id: 1.5 }), 'id must be an integer chat ID');
    assert.equal(message({ ...group, type: 'bot' }), 'type must be one of private, group, supergroup, channel');
    assert.equal(message({ ...group, name: null }), 'name must be a string');
    assert.equal(message({ ...group, thread_id: 'x' }), 'thread_id must be an integer or null');
    assert.equal(message({ ...group, chat: 1 }), 'Unrecognized key: "chat"');
    assert.equal(message([]), 'config must be an object');
  });
});
