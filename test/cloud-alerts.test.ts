import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { processFlips } from '../src/alerts/process-flips.js';
import { detectSilentCoreInstances } from '../src/cloud/core-instance-heartbeat.js';
import { runDueProbes, startDueProbes } from '../src/probes/run-due-probes.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';
import { runOutbox } from './support/outbox.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

/** A TCP port on 127.0.0.1 that can be opened and closed again at the same number. */
async function tcpPort() {
  let server: Server | null = null;
  const open = async (port = 0) => {
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const number = await open();
  return {
    number,
    reopen: () => open(number),
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

for (const dialect of testDialects()) {
  describe(`Cloud alerts (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let hook: RecordingServer;
    before(async () => {
      h = await makeHarness(dialect, {
        INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True',
        SITE_NAME: 'Mychecks',
        SITE_ROOT: 'https://hc.example.org',
      });
      hook = await startRecordingServer();
    });
    after(async () => {
      await hook.close();
      await h.close();
    });
    beforeEach(async () => {
      // each test starts with nothing due: no other test's checks, flips or notifications
      await h.deps.store.db.deleteFrom('core_instances').execute();
      await h.deps.store.db.deleteFrom('notifications').execute();
      project = await makeProject(h.deps);
      hook.requests.length = 0;
    });

    const cloud = async (method: 'POST' | 'PATCH' | 'GET' | 'DELETE', url: string, body?: object) => {
      const res = await h.app.inject({
        method,
        url,
        headers: { 'x-project-token': project.api_key },
        ...(body ? { payload: body } : {}),
      });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.body ? res.json<Record<string, unknown>>() : {};
    };
    const coreInstance = async (name = 'edge-1') => String((await cloud('POST', '/v1/aggregators', { name })).id);
    const tcpCheck = async (ci: string, port: number, interval = 60) =>
      String(
        (
          await cloud('POST', `/v1/core_instances/${ci}/checks`, {
            protocol: 'tcp',
            host: '127.0.0.1',
            port,
            retries: 0,
            interval,
          })
        ).id,
      );
    /** A webhook on every project event: `<status> <name> <code>` and the link messages carry. */
    const addWebhook = async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v3/channels/',
        headers: { 'x-api-key': project.api_key },
        payload: {
          kind: 'webhook',
          name: 'ops hook',
          config: {
            method_down: 'POST',
            url_down: `${hook.url}/down`,
            body_down: '$STATUS|$NAME|$CODE',
            method_up: 'POST',
            url_up: `${hook.url}/up`,
            body_up: '$STATUS|$NAME|$CODE',
          },
          checks: [],
        },
      });
      assert.equal(res.statusCode, 201, res.body);
    };
    const sent = () => hook.requests.map((r) => r.body);
    const flipsOf = (id: string) =>
      h.deps.store.db.selectFrom('cloud_flips').selectAll().where('cloud_check_id', '=', id).orderBy('id').execute();
    const statusOf = async (id: string) => (await cloud('GET', `/v1/core_instance_checks/${id}`)).status;

    test('a listener that stops makes its check fail and the webhook fire; its return fires the up one', async () => {
      await addWebhook();
      const port = await tcpPort();
      const ci = await coreInstance();
      const id = await tcpCheck(ci, port.number, 30);

      await runDueProbes(h.deps);
      assert.equal(await statusOf(id), 'ok');
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent(), [], 'a first ok is silent, as new → up is');

      await port.close();
      h.clock.advance(30_000);
      await runDueProbes(h.deps);
      assert.equal(await statusOf(id), 'failed');
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(
        sent(),
        [`down|edge-1: TCP 127.0.0.1:${port.number}|${id}`],
        'the project’s webhook fires although no check is assigned to it',
      );
      assert.equal(hook.requests[0]?.url, '/down');

      h.clock.advance(30_000);
      await runDueProbes(h.deps);
      await runOutbox(h.deps, h.senders);
      assert.equal(sent().length, 1, 'failing again is no new flip');
      assert.equal((await flipsOf(id)).length, 2);

      await port.reopen();
      h.clock.advance(30_000);
      await runDueProbes(h.deps);
      assert.equal(await statusOf(id), 'ok');
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent().slice(1), [`up|edge-1: TCP 127.0.0.1:${port.number}|${id}`]);
      await port.close();
    });

    test('the flip carries the probe’s error, and messages link to the core instance’s page', async () => {
      const port = await tcpPort();
      await port.close();
      const ci = await coreInstance('edge-2');
      const id = await tcpCheck(ci, port.number);
      await runDueProbes(h.deps);
      const [flip] = await flipsOf(id);
      assert.equal(flip?.old_status, 'new');
      assert.equal(flip?.new_status, 'down');
      assert.match(flip?.reason ?? '', /refused/i);

      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v3/channels/',
        headers: { 'x-api-key': project.api_key },
        payload: { kind: 'webhook', config: { method_down: 'POST', url_down: `${hook.url}/x`, body_down: '$JSON' } },
      });
      assert.equal(res.statusCode, 201);
      await runOutbox(h.deps, h.senders);
      const body = hook.requests[0]?.json() as Record<string, unknown>;
      assert.equal(body.id, id, "the webhook's $JSON is the check as the Cloud API shows it");
      assert.equal(body.status, 'failed');

      // the message building blocks every transport uses
      const { buildNotificationContext } = await import('../src/alerts/notification-context.js');
      const { claimDueNotification } = await import('../src/store/notification-queue.js');
      const { longReason, detailsUrl } = await import('../src/integrations/message-parts.js');
      const flipRow = (await flipsOf(id))[0]!;
      await h.deps.store.db
        .insertInto('notifications')
        .values({
          code: '11111111-1111-4111-8111-111111111111',
          check_id: null,
          channel_id: Number(
            (
              await h.deps.store.db
                .selectFrom('channels')
                .select('id')
                .where('project_id', '=', project.projectId)
                .executeTakeFirstOrThrow()
            ).id,
          ),
          flip_id: null,
          cloud_flip_id: Number(flipRow.id),
          check_status: 'down',
          created_at: h.clock.now(),
          status: 'pending',
          next_attempt_at: h.clock.now(),
        })
        .execute();
      const claim = await claimDueNotification(h.deps.store, h.clock.now(), 10_000);
      assert.ok(claim);
      const ctx = await buildNotificationContext(h.deps, claim, h.clock.now());
      assert.ok(ctx);
      assert.match(longReason(ctx.flip), /refused/i);
      assert.equal(detailsUrl('https://hc.example.org', ctx.check), `https://hc.example.org/projects/${project.id}/cloud/${ci}/`);
    });

    test('an agent’s results flip the same way: failed notifies, the same result again does not, ok recovers', async () => {
      await addWebhook();
      const ci = await coreInstance('edge-3');
      const id = await tcpCheck(ci, 9);
      const report = (status: string) => cloud('PATCH', `/v1/core_instance_checks/${id}`, { status });
      await report('running');
      await report('failed');
      await report('failed');
      await report('new');
      await report('failed');
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent(), [`down|edge-3: TCP 127.0.0.1:9|${id}`]);
      await report('ok');
      await runOutbox(h.deps, h.senders);
      assert.equal(sent()[1], `up|edge-3: TCP 127.0.0.1:9|${id}`);
      assert.deepEqual(
        (await flipsOf(id)).map((f) => `${f.old_status}→${f.new_status}`),
        ['new→down', 'down→up'],
      );
    });

    test('agents reporting the same result at once record one flip', async () => {
      const ci = await coreInstance('edge-10');
      const id = await tcpCheck(ci, 9);
      await Promise.all(Array.from({ length: 6 }, () => cloud('PATCH', `/v1/core_instance_checks/${id}`, { status: 'failed' })));
      assert.equal((await flipsOf(id)).length, 1);
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          cloud('PATCH', `/v1/core_instance_checks/${id}`, { status: i % 2 ? 'ok' : 'running' }),
        ),
      );
      assert.deepEqual(
        (await flipsOf(id)).map((f) => `${f.old_status}→${f.new_status}`),
        ['new→down', 'down→up'],
      );
    });

    test('a check created with a result is an agent’s: not probed, and no flip until it changes', async () => {
      const ci = await coreInstance('edge-4');
      const { id } = await cloud('POST', `/v1/core_instances/${ci}/checks`, {
        protocol: 'tcp',
        host: '127.0.0.1',
        port: 9,
        status: 'ok',
      });
      assert.equal(await runDueProbes(h.deps), 0);
      const got = await cloud('GET', `/v1/core_instance_checks/${String(id)}`);
      assert.equal(got.status, 'ok');
      assert.equal(got.agentManaged, true);
      assert.deepEqual(await flipsOf(String(id)), []);
    });

    test('a core instance that stops pinging notifies after 35 s, and its return too', async () => {
      await addWebhook();
      const ci = await coreInstance('edge-5');
      await cloud('POST', `/v1/aggregators/${ci}/ping`);
      h.clock.advance(35_000);
      assert.equal(await detectSilentCoreInstances(h.deps), 0, 'running up to 35 s after its ping');
      assert.equal((await cloud('GET', `/v1/aggregators/${ci}`)).status, 'running');
      h.clock.advance(1);
      assert.equal(await detectSilentCoreInstances(h.deps), 1);
      assert.equal(await detectSilentCoreInstances(h.deps), 0, 'once');
      assert.equal((await cloud('GET', `/v1/aggregators/${ci}`)).status, 'unreachable');
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent(), [`down|core instance edge-5|${ci}`]);

      h.clock.advance(60_000);
      await cloud('POST', `/v1/aggregators/${ci}/ping`);
      await cloud('POST', `/v1/aggregators/${ci}/ping`);
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent().slice(1), [`up|core instance edge-5|${ci}`]);
    });

    test('a core instance that never pinged never alerts', async () => {
      await addWebhook();
      await coreInstance('edge-6');
      h.clock.advance(3_600_000);
      assert.equal(await detectSilentCoreInstances(h.deps), 0);
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent(), []);
    });

    test('disabled integrations and other projects are not notified; deleting the check takes its flips', async () => {
      await addWebhook();
      await h.deps.store.db.updateTable('channels').set({ disabled: 1 }).where('project_id', '=', project.projectId).execute();
      const other = await makeProject(h.deps, 'Other');
      await makeCheck(h.deps, other);
      const ci = await coreInstance('edge-7');
      const id = await tcpCheck(ci, 9);
      await cloud('PATCH', `/v1/core_instance_checks/${id}`, { status: 'failed' });
      await runOutbox(h.deps, h.senders);
      assert.deepEqual(sent(), []);
      assert.equal((await flipsOf(id)).length, 1);
      await cloud('DELETE', `/v1/core_instance_checks/${id}`);
      assert.deepEqual(await flipsOf(id), []);
    });

    test('a test notification replaces earlier test rows only, never a Cloud flip’s queued notification', async () => {
      await addWebhook();
      const ci = await coreInstance('edge-9');
      const id = await tcpCheck(ci, 9);
      await cloud('PATCH', `/v1/core_instance_checks/${id}`, { status: 'failed' });
      await processFlips(h.deps);
      const queued = () =>
        h.deps.store.db.selectFrom('notifications').select('id').where('cloud_flip_id', 'is not', null).execute();
      assert.equal((await queued()).length, 1);
      const channel = await h.deps.store.db
        .selectFrom('channels')
        .select('code')
        .where('project_id', '=', project.projectId)
        .executeTakeFirstOrThrow();
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v3/channels/${channel.code}/test`,
        headers: { 'x-api-key': project.api_key },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await queued()).length, 1);
      await runOutbox(h.deps, h.senders);
      assert.ok(sent().includes(`down|edge-9: TCP 127.0.0.1:9|${id}`));
    });

    test('a prober that stops gives its claims back instead of leaving them to time out', async () => {
      const silent = createSocket('udp4');
      await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
      const ci = await coreInstance('edge-8');
      const { id } = await cloud('POST', `/v1/core_instances/${ci}/checks`, {
        protocol: 'udp',
        host: '127.0.0.1',
        port: silent.address().port,
        retries: 0,
      });
      const [probe] = await startDueProbes(h.deps);
      assert.ok(probe);
      assert.equal(await statusOf(String(id)), 'running');
      await probe.release();
      assert.equal(await statusOf(String(id)), 'new', 'due again at once, for another node');
      assert.equal(await probe.done, false, 'the late outcome is dropped');
      silent.close();
    });
  });
}
