import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { detectDown } from '../src/alerts/detect-down.js';
import { deliverNotification, LEASE_MS, RETRY_DELAYS_MS } from '../src/alerts/deliver-notification.js';
import { processFlips } from '../src/alerts/process-flips.js';
import { claimDueNotification, recordDelivery } from '../src/store/notification-queue.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, reload, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';
import { channelRow, notificationsOf, runOutbox } from './support/outbox.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const MIN = 60_000;

for (const dialect of testDialects()) {
  describe(`alert pipeline (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let target: RecordingServer;
    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True', SITE_NAME: 'Mychecks' });
      target = await startRecordingServer();
    });
    after(async () => {
      await target.close();
      await h.close();
    });
    beforeEach(async () => {
      // each test starts with no other check that could go down when the clock moves
      await h.deps.store.db.deleteFrom('checks').execute();
      project = await makeProject(h.deps);
      target.requests.length = 0;
      target.reply({});
    });

    const api = async (method: 'POST' | 'PATCH' | 'GET' | 'DELETE', url: string, body?: object) => {
      const res = await h.app.inject({
        method,
        url,
        headers: { 'x-api-key': project.api_key },
        ...(body ? { payload: body } : {}),
      });
      return { status: res.statusCode, json: res.body ? res.json<Record<string, unknown>>() : null };
    };
    const addWebhook = async (config: object, checks: string[] | '*' = '*') => {
      const res = await api('POST', '/api/v3/channels/', { kind: 'webhook', name: 'ops hook', config, checks });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      return res.json!.id as string;
    };
    /** A check with 1-minute timeout and grace, pinged now. */
    const pingedCheck = async (name: string) => {
      const check = await makeCheck(h.deps, project, { name, timeout_seconds: 60, grace_seconds: 60 });
      await h.app.inject({ url: `/ping/${check.code}`, payload: 'all good', method: 'POST' });
      return check;
    };
    /** Lets every pinged check's deadline pass and detects them down. */
    const goDown = async () => {
      h.clock.advance(2 * MIN + 1_000);
      await detectDown(h.deps);
    };

    test('a check that goes down sends its down request, and its recovery the up request', async () => {
      const check = await makeCheck(h.deps, project, {
        name: 'nightly backup',
        timeout_seconds: 60,
        grace_seconds: 60,
        tags: 'db prod',
      });
      const channel = await addWebhook({
        method_down: 'POST',
        url_down: `${target.url}/down/$CODE`,
        body_down: '{"name": $NAME_JSON, "status": "$STATUS", "tag": "$TAG2"}',
        headers_down: { 'X-Check': '$NAME' },
        method_up: 'GET',
        url_up: `${target.url}/up?name=$NAME`,
      });
      await h.app.inject({ url: `/ping/${check.code}` });
      assert.equal(await runOutbox(h.deps, h.senders), 0, 'a new check going up notifies nobody');

      h.clock.advance(2 * MIN + 1_000);
      assert.equal(await detectDown(h.deps), 1);
      assert.equal(await runOutbox(h.deps, h.senders), 1);
      const [down] = target.requests;
      assert.equal(down?.method, 'POST');
      assert.equal(down.url, `/down/${check.code}`);
      assert.deepEqual(down.json(), { name: 'nightly backup', status: 'down', tag: 'prod' });
      assert.equal(down.headers['x-check'], 'nightly backup');
      assert.equal(down.headers['user-agent'], 'Mychecks');

      await h.app.inject({ url: `/ping/${check.code}` });
      assert.equal(await runOutbox(h.deps, h.senders), 1);
      const up = target.requests[1];
      assert.equal(up?.method, 'GET');
      assert.equal(up.url, '/up?name=nightly%20backup');

      const log = await notificationsOf(h.deps, channel);
      assert.deepEqual(
        log.map((n) => [n.check_status, n.status, n.error, n.attempts]),
        [
          ['down', 'sent', '', 1],
          ['up', 'sent', '', 1],
        ],
      );
      const row = await channelRow(h.deps, channel);
      assert.equal(row.last_error, '');
      assert.equal(row.last_notify_at, h.clock.now());
    });

    test('a failing target is tried three times, retried with backoff, then recorded as failed', async () => {
      target.reply({ status: 500 });
      await pingedCheck('flaky');
      const channel = await addWebhook({ method_down: 'GET', url_down: `${target.url}/down` });
      await goDown();
      assert.equal(await runOutbox(h.deps, h.senders), 1);
      assert.equal(target.requests.length, 3, 'three attempts in one delivery');
      let [n] = await notificationsOf(h.deps, channel);
      assert.equal(n?.status, 'pending');
      assert.equal(n.error, 'Received status code 500');
      assert.equal(n.next_attempt_at, h.clock.now() + RETRY_DELAYS_MS[0]);
      assert.equal((await channelRow(h.deps, channel)).last_error, 'Received status code 500');

      assert.equal(await runOutbox(h.deps, h.senders), 0, 'not before its retry time');
      for (const delay of RETRY_DELAYS_MS) {
        h.clock.advance(delay);
        assert.equal(await runOutbox(h.deps, h.senders), 1);
      }
      [n] = await notificationsOf(h.deps, channel);
      assert.equal(n?.status, 'failed');
      assert.equal(n.attempts, RETRY_DELAYS_MS.length + 1);
      assert.equal(target.requests.length, 3 * (RETRY_DELAYS_MS.length + 1));
      h.clock.advance(3_600_000);
      assert.equal(await runOutbox(h.deps, h.senders), 0, 'a failed notification is final');

      target.reply({});
      const again = await pingedCheck('flaky too');
      await api('POST', `/api/v3/checks/${again.code}`, { channels: '*' });
      await goDown();
      await runOutbox(h.deps, h.senders);
      assert.equal((await channelRow(h.deps, channel)).last_error, '', 'a later success clears the channel error');
    });

    test('a permanent error disables the channel, and a disabled channel gets no notifications', async () => {
      target.reply({ status: 404, body: 'no_service' });
      const first = await pingedCheck('gone');
      const second = await pingedCheck('gone again');
      const res = await api('POST', '/api/v3/channels/', { kind: 'slack', config: `${target.url}/slack` });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const channel = res.json!.id as string;
      await h.app.inject({ url: `/ping/${first.code}/fail` });
      await runOutbox(h.deps, h.senders);
      assert.equal(target.requests.length, 1, 'no retry after a permanent error');
      const row = await channelRow(h.deps, channel);
      assert.equal(row.disabled, 1);
      assert.equal(row.last_error, 'Received status code 404');

      await h.app.inject({ url: `/ping/${second.code}/fail` });
      await processFlips(h.deps);
      assert.equal((await notificationsOf(h.deps, channel)).length, 1, 'nothing queued for a disabled channel');
    });

    test('channels that send nothing for a status get no notification for it', async () => {
      const check = await pingedCheck('half');
      const downOnly = await addWebhook({ method_down: 'GET', url_down: `${target.url}/down` });
      await goDown();
      await runOutbox(h.deps, h.senders);
      await h.app.inject({ url: `/ping/${check.code}` });
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(
        (await notificationsOf(h.deps, downOnly)).map((n) => n.check_status),
        ['down'],
      );
    });

    test('a sender that dies mid-delivery loses its claim after the lease, and its late outcome is dropped', async () => {
      await pingedCheck('orphan');
      const channel = await addWebhook({ method_down: 'GET', url_down: `${target.url}/down` });
      await goDown();
      await processFlips(h.deps);
      const dead = await claimDueNotification(h.deps.store, h.clock.now(), LEASE_MS);
      assert.ok(dead);
      assert.equal(
        await claimDueNotification(h.deps.store, h.clock.now(), LEASE_MS),
        null,
        'claimed work is not handed out twice',
      );
      h.clock.advance(LEASE_MS);
      assert.equal(await runOutbox(h.deps, h.senders), 1, 'taken over once the lease ran out');
      assert.equal(target.requests.length, 1);
      const late = await recordDelivery(h.deps.store, dead, {
        error: 'x',
        startedAt: 0,
        durationMs: 0,
        disableChannel: true,
        retryAt: null,
      });
      assert.equal(late, false);
      const [n] = await notificationsOf(h.deps, channel);
      assert.equal(n?.status, 'sent');
      assert.equal((await channelRow(h.deps, channel)).disabled, 0);
    });

    test('a slow delivery renews its lease: nobody takes it over and its outcome is recorded', async () => {
      await pingedCheck('slow');
      const channel = await addWebhook({ method_down: 'GET', url_down: `${target.url}/down` });
      await goDown();
      await processFlips(h.deps);
      const claim = await claimDueNotification(h.deps.store, h.clock.now(), LEASE_MS);
      assert.ok(claim);
      // The target answers after the first renewal (a third of the lease, in real time); meanwhile
      // the clock reaches the original lease's end.
      target.reply({ delayMs: LEASE_MS / 3 + 400 });
      const delivery = deliverNotification(h.deps, h.senders, claim);
      await target.waitFor(1);
      h.clock.advance(LEASE_MS - 1);
      await new Promise((resolve) => setTimeout(resolve, LEASE_MS / 3 + 100));
      h.clock.advance(1);
      assert.equal(await claimDueNotification(h.deps.store, h.clock.now(), LEASE_MS), null, 'the renewed claim is still held');
      await delivery;
      const [n] = await notificationsOf(h.deps, channel);
      assert.equal(n?.status, 'sent');
      assert.equal(n.attempts, 1);
    });

    test('a notification whose check was deleted before delivery is dropped with it', async () => {
      const check = await pingedCheck('deleted');
      const channel = await addWebhook({ method_down: 'GET', url_down: `${target.url}/down` });
      await goDown();
      await processFlips(h.deps);
      const del = await api('DELETE', `/api/v3/checks/${check.code}`);
      assert.equal(del.status, 200);
      assert.equal(await runOutbox(h.deps, h.senders), 0);
      assert.equal(target.requests.length, 0);
      assert.equal((await notificationsOf(h.deps, channel)).length, 0);
    });

    test('pause and resume flips notify nobody; a fail ping on a new check notifies', async () => {
      const check = await makeCheck(h.deps, project, { name: 'new one' });
      await addWebhook({ method_down: 'GET', url_down: `${target.url}/down`, method_up: 'GET', url_up: `${target.url}/up` });
      await api('POST', `/api/v3/checks/${check.code}/pause`);
      await api('POST', `/api/v3/checks/${check.code}/resume`);
      assert.equal(await runOutbox(h.deps, h.senders), 0);
      await h.app.inject({ url: `/ping/${check.code}/fail` });
      assert.equal(await runOutbox(h.deps, h.senders), 1);
      assert.equal(target.requests[0]?.url, '/down');
      assert.equal((await reload(h.deps, check.code)).status, 'down');
    });
  });
}
