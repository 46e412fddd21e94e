import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, NOW, others, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { matrixIntegration as matrix } from './matrix.js';

const recordingTarget = useRecordingTargets();

async function setup(env: Env = {}): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  return recordingTarget((url) => ({
    MATRIX_HOMESERVER: `${url}/`,
    MATRIX_USER_ID: '@bot:example.org',
    MATRIX_ACCESS_TOKEN: 'syt_secret',
    ...env,
  }));
}

const ROOM = '!abcDEF123:example.org';
const CLOAKED = 'https://checks.example.org/cloaked/3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f/';
const SEND_PATH =
  /^\/_matrix\/client\/v3\/rooms\/%21abcDEF123%3Aexample\.org\/send\/m\.room\.message\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('matrix', () => {
  test('PUTs an HTML message with the facts and the other checks that are down on a down flip', async () => {
    const { server, io } = await setup();
    const ctx = makeContext({
      otherChecks: others([
        { name: 'Nightly <sync>', code: '7a1c2d3e-4f50-4617-8829-9a0b1c2d3e4f', lastPingAt: NOW - 3_600_000 },
        { name: '', code: '31365bce-8da9-4729-8ff3-aaa71d56b712', lastPingAt: null },
      ]),
    });
    assert.deepEqual(await matrix.notify(ctx, ROOM, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'PUT');
    assert.match(req!.url, SEND_PATH);
    assert.equal(req!.headers.authorization, 'Bearer syt_secret');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Mychecks');
    assert.deepEqual(req!.json(), {
      msgtype: 'm.text',
      body: 'Backup is DOWN (success signal did not arrive on time, grace time passed).',
      format: 'org.matrix.custom.html',
      formatted_body: [
        `🔴 The check <a href="${CLOAKED}">Backup</a> is <b>DOWN</b> (success signal did not arrive on time, grace time passed).<br>`,
        '<br>',
        '<b>Project:</b> Ops<br>',
        '<b>Tags:</b> <code>prod</code> <code>db</code><br>',
        '<b>Period:</b> 1 day<br>',
        '<b>Total Pings:</b> 42<br>',
        '<b>Last Ping:</b> Success, 2 days ago<br>',
        '<b>Last Ping Body:</b><br>',
        '<pre>backup finished: 12 GB</pre>',
        '<br>',
        '2 other checks are also down:<br>',
        '<ul>',
        '<li><a href="https://checks.example.org/cloaked/331d0ef16d78a3dfc4c0e214dcc8329af39e7c22/">Nightly &lt;sync&gt;</a> (last ping: an hour ago)</li>',
        '<li><a href="https://checks.example.org/cloaked/a6c7b0a8a66bed0df66abfdab3c77736861703ee/">31365bce-8da9-4729-8ff3-aaa71d56b712</a> (last ping: never)</li>',
        '</ul>',
      ].join('\n'),
    });
  });

  test('PUTs the downtime, the schedule and an escaped name on an up flip', async () => {
    const { server, io } = await setup();
    const ctx = makeContext({
      status: 'up',
      flip: { at: 0, oldStatus: 'down', reason: '' },
      downtimeMs: 90_000,
      otherChecks: others([]),
    });
    ctx.check = { ...ctx.check, name: 'A & <B>', tags: '', kind: 'cron', schedule: '0 */2 * * *', tz: 'Europe/Riga' };
    ctx.lastPing = { ...ctx.lastPing!, body: new TextEncoder().encode('<script>x</script>') };
    assert.deepEqual(await matrix.notify(ctx, ROOM, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.match(req!.url, SEND_PATH);
    assert.deepEqual(req!.json(), {
      msgtype: 'm.text',
      body: 'A & <B> is now UP. The downtime lasted 1 minute, 30 seconds.',
      format: 'org.matrix.custom.html',
      formatted_body: [
        `🟢 The check <a href="${CLOAKED}">A &amp; &lt;B&gt;</a> is now <b>UP</b>. The downtime lasted 1 minute, 30 seconds.<br>`,
        '<br>',
        '<b>Project:</b> Ops<br>',
        '<b>Schedule:</b> <code>0 */2 * * *</code><br>',
        '<b>Time Zone:</b> Europe/Riga<br>',
        '<b>Total Pings:</b> 42<br>',
        '<b>Last Ping:</b> Success, 2 days ago<br>',
        '<b>Last Ping Body:</b><br>',
        '<pre>&lt;script&gt;x&lt;/script&gt;</pre>',
        '<br>',
        'All the other checks are up.<br>',
      ].join('\n'),
    });
  });

  test('uses a fresh transaction ID per notification, and the same one for its retries', async () => {
    const { server, io } = await setup();
    server.reply({ status: 502 });
    assert.deepEqual(await matrix.notify(makeContext(), ROOM, io), {
      ok: false,
      error: 'Received status code 502',
      permanent: false,
    });
    server.reply({ status: 200, body: { event_id: '$e' } });
    await matrix.notify(makeContext(), ROOM, io);

    const urls = (await server.waitFor(4)).map((r) => r.url);
    assert.equal(urls.length, 4);
    assert.equal(new Set(urls.slice(0, 3)).size, 1, 'retries repeat the transaction ID');
    assert.notEqual(urls[3], urls[0]);
  });

  test('reports a 500 after three attempts', async () => {
    const { server, io } = await setup();
    server.reply({ status: 500 });
    assert.deepEqual(await matrix.notify(makeContext(), ROOM, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('answers "not enabled" without a homeserver or an access token', async () => {
    for (const env of [{ MATRIX_HOMESERVER: '' }, { MATRIX_ACCESS_TOKEN: '' }]) {
      const { server, io } = await setup(env);
      assert.deepEqual(await matrix.notify(makeContext(), ROOM, io), {
        ok: false,
        error: 'Matrix notifications are not enabled.',
        permanent: false,
      });
      assert.equal(server.requests.length, 0);
    }
  });

  test('notifies on both up and down', () => {
    assert.equal(matrix.isNoop(ROOM, 'down'), false);
    assert.equal(matrix.isNoop(ROOM, 'up'), false);
    assert.equal(matrix.label, 'Matrix');
  });

  test('stores the room ID as is and validates it', () => {
    assert.equal(matrix.fromStored(ROOM), ROOM);
    assert.equal(matrix.toStored(ROOM), ROOM);
    assert.equal(matrix.configSchema.parse(ROOM), ROOM);
    const error = (input: unknown) => matrix.configSchema.safeParse(input).error?.issues[0]?.message;
    assert.equal(error('#ops:example.org'), 'config is not a valid Matrix room ID');
    assert.equal(error(''), 'config is required');
    assert.equal(error({ room: ROOM }), 'config must be a string');
  });
});
