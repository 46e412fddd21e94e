import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { runDueProbes, STUCK_MS } from '../src/probes/run-due-probes.js';
import { claimProbe, findDueProbes } from '../src/store/cloud-probes.js';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

for (const dialect of testDialects()) {
  describe(`the prober (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    let coreId: string;
    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      project = await makeProject(h.deps);
      const core = await h.app.inject({ method: 'POST', url: '/v1/aggregators', headers: auth(), payload: { name: 'edge' } });
      coreId = core.json<{ id: string }>().id;
    });
    after(() => h.close());

    const auth = () => ({ 'x-project-token': project.api_key });
    const addCheck = async (port: number, retries = 0) => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/v1/core_instances/${coreId}/checks`,
        headers: auth(),
        payload: { protocol: 'tcp', host: '127.0.0.1', port, retries },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string }>().id;
    };
    const row = (id: string) =>
      h.deps.store.db.selectFrom('cloud_checks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const status = async (id: string) =>
      (await h.app.inject({ url: `/v1/core_instance_checks/${id}`, headers: auth() })).json<{ status: string }>().status;

    test('an open port goes ok; a listener that stops makes the next probe fail', async () => {
      const { server, port } = await listen();
      const id = await addCheck(port);
      assert.equal(await status(id), 'new');
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'ok');
      await runDueProbes(h.deps);
      assert.equal((await row(id)).last_probe_at, h.clock.now(), 'not probed again before its interval');
      await close(server);
      h.clock.advance(60_000);
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'failed');
      assert.equal((await row(id)).last_error, 'Connection refused');
    });

    test('a closed port fails after its retries', async () => {
      const { server, port } = await listen();
      await close(server);
      const id = await addCheck(port, 2);
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'failed');
    });

    test('UDP: the payload is sent, a reply with the expected text is ok, any other fails after every retry', async () => {
      const received: string[] = [];
      const socket = createSocket('udp4');
      socket.on('message', (msg, from) => {
        received.push(msg.toString());
        socket.send(msg.toString() === 'PING' ? 'seq=1 PONG' : 'NOPE', from.port, from.address);
      });
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const port = socket.address().port;
      const create = async (payload: object) => {
        const res = await h.app.inject({
          method: 'POST',
          url: `/v1/core_instances/${coreId}/checks`,
          headers: auth(),
          payload: { protocol: 'udp', host: '127.0.0.1', port, ...payload },
        });
        assert.equal(res.statusCode, 201, res.body);
        return res.json<{ id: string }>().id;
      };
      const pong = await create({ retries: 0, payload: 'PING', expect: 'PONG' });
      await runDueProbes(h.deps);
      assert.equal(await status(pong), 'ok');
      assert.deepEqual(received, ['PING']);
      const got = (await h.app.inject({ url: `/v1/core_instance_checks/${pong}`, headers: auth() })).json<
        Record<string, unknown>
      >();
      assert.equal(got.payload, 'PING');
      assert.equal(got.expect, 'PONG');

      received.length = 0;
      const wrong = await create({ retries: 2, payload: 'HELLO', expect: 'PONG' });
      await runDueProbes(h.deps);
      assert.equal(await status(wrong), 'failed');
      assert.deepEqual(received, ['HELLO', 'HELLO', 'HELLO'], 'one attempt and two retries');
      assert.equal((await row(wrong)).last_error, 'Unexpected reply');

      const patched = await h.app.inject({
        method: 'PATCH',
        url: `/v1/core_instance_checks/${wrong}`,
        headers: auth(),
        payload: { payload: 'PING', expect: '' },
      });
      assert.equal(patched.statusCode, 204);
      const cleared = (await h.app.inject({ url: `/v1/core_instance_checks/${wrong}`, headers: auth() })).json<
        Record<string, unknown>
      >();
      assert.equal(cleared.payload, 'PING');
      assert.equal(cleared.expect, null, '"" clears it');
      socket.close();
    });

    test('UDP without an expected reply: a closed port fails on its ICMP port unreachable', async () => {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      const port = socket.address().port;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      const res = await h.app.inject({
        method: 'POST',
        url: `/v1/core_instances/${coreId}/checks`,
        headers: auth(),
        payload: { protocol: 'udp', host: '127.0.0.1', port, retries: 1 },
      });
      const id = res.json<{ id: string }>().id;
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'failed');
      assert.equal((await row(id)).last_error, 'Connection refused');
    });

    test('a check whose status an agent sets is left alone', async () => {
      const { server, port } = await listen();
      const id = await addCheck(port);
      const patched = await h.app.inject({
        method: 'PATCH',
        url: `/v1/core_instance_checks/${id}`,
        headers: auth(),
        payload: { status: 'failed' },
      });
      assert.equal(patched.statusCode, 204, patched.body);
      h.clock.advance(3_600_000);
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'failed');
      assert.equal((await row(id)).last_probe_at, null);
      await close(server);
    });

    test('a check left running by a prober that died turns failed', async () => {
      const { server, port } = await listen();
      const id = await addCheck(port);
      // a prober claims it and dies before recording anything
      const [task] = await findDueProbes(h.deps.store.db, h.clock.now(), 10);
      assert.ok(task && (await claimProbe(h.deps.store.db, task, h.clock.now(), h.clock.now() + STUCK_MS)));
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'running', 'a fresh claim is someone else’s probe in progress');
      h.clock.advance(STUCK_MS);
      await runDueProbes(h.deps);
      assert.equal(await status(id), 'failed');
      assert.equal((await row(id)).last_error, 'The probe did not finish');
      await close(server);
    });

    test('two probers never probe the same check twice at once', async () => {
      const { server, port } = await listen();
      const id = await addCheck(port);
      const [a, b] = await Promise.all([runDueProbes(h.deps), runDueProbes(h.deps)]);
      assert.equal(a + b, 1);
      assert.equal(await status(id), 'ok');
      await close(server);
    });
  });
}
