import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeContext, NOW, others, useRecordingTargets } from '../../test/support/notification-fixtures.js';
import type { RecordingServer } from '../../test/support/recording-server.js';
import type { Env } from '../config.js';
import type { IntegrationIo } from './integration.js';
import { poIntegration as po } from './po.js';

const recordingTarget = useRecordingTargets();

async function pushover(
  env: Env = {},
  overrides: Partial<IntegrationIo> = {},
): Promise<{ server: RecordingServer; io: IntegrationIo }> {
  const { server, io } = await recordingTarget(
    (url) => ({ PUSHOVER_API_URL: url, PUSHOVER_API_TOKEN: 'app-token', ...env }),
    overrides,
  );
  return { server, io };
}

const USER = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const UNIQUE_KEY = '3f0a6c1f4b0e2d9c8a7b6c5d4e3f2a1b0c9d8e7f';
const CLOAKED = `https://checks.example.org/cloaked/${UNIQUE_KEY}/`;
const upContext = () => makeContext({ status: 'up', flip: { at: 0, oldStatus: 'down', reason: '' }, downtimeMs: 4_320_000 });

const FACTS = [
  '<b>Project:</b> Ops',
  '<b>Tags:</b> prod db',
  '<b>Period:</b> 1 day',
  '<b>Total Pings:</b> 42',
  '<b>Last Ping:</b> Success, 2 days ago',
];

describe('po (Pushover)', () => {
  test('posts an HTML message tagged with the unique key on a down flip', async () => {
    const { server, io } = await pushover();
    const ctx = makeContext({
      otherChecks: others([{ name: 'Disk <space>', code: 'c1', lastPingAt: NOW - 3_600_000 }]),
    });
    assert.deepEqual(await po.notify(ctx, `${USER}|0`, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/1/messages.json');
    assert.equal(req!.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(req!.form(), {
      token: 'app-token',
      user: USER,
      message: [
        `The check <a href="${CLOAKED}">Backup</a> is <b>DOWN</b>. ` +
          'Reason: success signal did not arrive on time, grace time passed.',
        '',
        ...FACTS,
        '',
        '1 other check is also down:',
        '- Disk &lt;space&gt; (last ping: an hour ago)',
      ].join('\n'),
      title: '🔴 Backup is DOWN',
      html: '1',
      priority: '0',
      tags: UNIQUE_KEY,
      url: CLOAKED,
      url_title: 'View on Mychecks',
    });
  });

  test('uses the up priority on an up flip, without a cancel call', async () => {
    const { server, io } = await pushover();
    assert.deepEqual(await po.notify(upContext(), `${USER}|0|1`, io), { ok: true });

    const [req] = await server.waitFor(1);
    assert.equal(req!.url, '/1/messages.json');
    assert.deepEqual(req!.form(), {
      token: 'app-token',
      user: USER,
      message: [
        `The check <a href="${CLOAKED}">Backup</a> is now <b>UP</b>. The downtime lasted 1 hour, 12 minutes.`,
        '',
        ...FACTS,
      ].join('\n'),
      title: '🟢 Backup is UP',
      html: '1',
      priority: '1',
      tags: UNIQUE_KEY,
      url: CLOAKED,
      url_title: 'View on Mychecks',
    });
    assert.equal(server.requests.length, 1);
  });

  test('adds retry and expire from the settings to an emergency-priority message', async () => {
    const { server, io } = await pushover({ PUSHOVER_EMERGENCY_RETRY_DELAY: '60', PUSHOVER_EMERGENCY_EXPIRATION: '3600' });
    assert.deepEqual(await po.notify(makeContext(), `${USER}|2|0`, io), { ok: true });

    const [req] = await server.waitFor(1);
    const form = req!.form();
    assert.equal(form.priority, '2');
    assert.equal(form.retry, '60');
    assert.equal(form.expire, '3600');
  });

  test('cancels the emergency alert by tag before sending the up message', async () => {
    const { server, io } = await pushover();
    assert.deepEqual(await po.notify(upContext(), `${USER}|2|0`, io), { ok: true });

    const [cancel, message] = await server.waitFor(2);
    assert.equal(cancel!.method, 'POST');
    assert.equal(cancel!.url, `/1/receipts/cancel_by_tag/${UNIQUE_KEY}.json`);
    assert.deepEqual(cancel!.form(), { token: 'app-token' });
    assert.equal(message!.url, '/1/messages.json');
    assert.equal(message!.form().priority, '0');
    assert.equal(message!.form().retry, undefined);
  });

  test('stops when the cancel call fails', async () => {
    const { server, io } = await pushover();
    server.reply({ status: 500 });
    assert.deepEqual(await po.notify(upContext(), `${USER}|2|0`, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
    assert.ok(server.requests.every((r) => r.url === `/1/receipts/cancel_by_tag/${UNIQUE_KEY}.json`));
  });

  test('is a no-op for a direction whose priority is -3', () => {
    assert.equal(po.isNoop(`${USER}|-3`, 'down'), true);
    assert.equal(po.isNoop(`${USER}|-3`, 'up'), true);
    assert.equal(po.isNoop(`${USER}|0|-3`, 'down'), false);
    assert.equal(po.isNoop(`${USER}|0|-3`, 'up'), true);
    assert.equal(po.isNoop(`${USER}|-3|1`, 'up'), false);
  });

  test('allows six messages a minute per user key', async () => {
    const asked: [string, number, number][] = [];
    const allow = (key: string, capacity: number, periodMs: number) => {
      asked.push([key, capacity, periodMs]);
      return Promise.resolve(false);
    };
    const { server, io } = await pushover({}, { allow });
    assert.deepEqual(await po.notify(makeContext(), `${USER}|0`, io), {
      ok: false,
      error: 'Rate limit exceeded',
      permanent: false,
    });
    // sha1(user key + SECRET_KEY), as Healthchecks keys its buckets.
    assert.deepEqual(asked, [['po-742bfb3a37efdef6fd43160dae428bc920e56951', 6, 60_000]]);
    assert.equal(server.requests.length, 0);
  });

  test('treats a 400 naming the user invalid as permanent', async () => {
    const { server, io } = await pushover();
    server.reply({ status: 400, body: { user: 'invalid', errors: ['user identifier is invalid'], status: 0 } });
    assert.deepEqual(await po.notify(makeContext(), `${USER}|0`, io), {
      ok: false,
      error: 'Received status code 400 (invalid user)',
      permanent: true,
    });
    assert.equal(server.requests.length, 1);
  });

  test('reports other errors after three attempts, as transient', async () => {
    const { server, io } = await pushover();
    server.reply({ status: 500 });
    assert.deepEqual(await po.notify(makeContext(), `${USER}|0`, io), {
      ok: false,
      error: 'Received status code 500',
      permanent: false,
    });
    assert.equal(server.requests.length, 3);
  });

  test('sends nothing without PUSHOVER_API_TOKEN', async () => {
    const { server, io } = await pushover({ PUSHOVER_API_TOKEN: '' });
    assert.deepEqual(await po.notify(makeContext(), `${USER}|0`, io), {
      ok: false,
      error: 'Pushover notifications are not enabled.',
      permanent: false,
    });
    assert.equal(server.requests.length, 0);
  });

  test('reads and validates "<user key>|<down>|<up>" values', () => {
    assert.equal(po.fromStored(`${USER}|0`), `${USER}|0`);
    assert.equal(po.fromStored(`${USER}|2|-3`), `${USER}|2|-3`);
    assert.throws(() => po.fromStored(USER));
    assert.throws(() => po.fromStored(`${USER}|5`));
    assert.equal(po.toStored(`${USER}|1|0`), `${USER}|1|0`);
    assert.equal(po.configSchema.parse(`${USER}|-1|0`), `${USER}|-1|0`);
    const message = 'config must be "<user key>|<down priority>|<up priority>" with priorities from -3 to 2';
    assert.equal(po.configSchema.safeParse(`${USER}|3`).error?.issues[0]?.message, message);
    assert.equal(po.configSchema.safeParse(`${USER}|0|0|0`).error?.issues[0]?.message, message);
    assert.equal(po.configSchema.safeParse(`|0`).error?.issues[0]?.message, message);
  });
});
