import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setPortProbe } from '../src/cloud/port-probe.js';
import { isAppError } from '../src/lib/app-error.js';
import { runDueProbes } from '../src/probes/run-due-probes.js';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;
interface Port extends Json {
  id: string;
  probe: boolean;
  checkID: string | null;
}
interface Check extends Json {
  id: string;
  host: string;
  port: number;
  status: string;
  protocol: string;
}

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

for (const dialect of testDialects()) {
  describe(`a pipeline port's probe follows the port (${dialect})`, () => {
    let h: Harness;
    let owner: TestProject;
    let outsider: TestProject;
    let coreId: string;
    let names = 0;

    before(async () => {
      h = await makeHarness(dialect, { INTEGRATIONS_ALLOW_PRIVATE_IPS: 'True' });
      owner = await makeProject(h.deps, 'Owner');
      outsider = await makeProject(h.deps, 'Outsider');
      coreId = (await call('POST', '/v1/aggregators', { name: 'edge' }, 201)).id as string;
    });
    after(() => h.close());

    async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Json, status = 200) {
      const res = await h.app.inject({
        method,
        url,
        headers: { 'x-project-token': owner.api_key },
        ...(payload ? { payload } : {}),
      });
      assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      return res.body === '' ? {} : res.json<Json>();
    }
    const newPipeline = async () =>
      (await call('POST', `/v1/aggregators/${coreId}/pipelines`, { name: `p${++names}` }, 201)).id as string;
    const newPort = async (pipeline: string, fields: Json) =>
      (
        await call(
          'POST',
          `/v1/aggregator_pipelines/${pipeline}/ports`,
          { protocol: 'tcp', frontendPort: 24224, backendPort: 24224, endpoint: '', ...fields },
          201,
        )
      ).id as string;
    const port = async (id: string) => (await call('GET', `/v1/pipeline_ports/${id}`)) as Port;
    const patchPort = (id: string, fields: Json) => call('PATCH', `/v1/pipeline_ports/${id}`, fields, 204);
    const checksOf = async (pipeline: string) =>
      (await h.app.inject({ url: `/v1/pipelines/${pipeline}/checks`, headers: { 'x-project-token': owner.api_key } })).json<
        Check[]
      >();

    test('a port with no endpoint yet is pending: no check, however it opts in', async () => {
      const pipeline = await newPipeline();
      const id = await newPort(pipeline, { probe: true });
      const p = await port(id);
      assert.equal(p.probe, true);
      assert.equal(p.checkID, null);
      assert.deepEqual(await checksOf(pipeline), []);
      const plain = await port(await newPort(pipeline, { frontendPort: 1, endpoint: '10.0.0.1' }));
      assert.equal(plain.probe, false, 'off unless asked for');
      assert.equal(plain.checkID, null);
    });

    test('the check appears with an endpoint, moves with the port, and goes when the endpoint does', async () => {
      const pipeline = await newPipeline();
      const id = await newPort(pipeline, { probe: true, frontendPort: 5170 });
      await patchPort(id, { endpoint: '127.0.0.1' });
      const [check] = await checksOf(pipeline);
      assert.ok(check);
      assert.deepEqual(
        [check.protocol, check.host, check.port, check.status, check.portID],
        ['tcp', '127.0.0.1', 5170, 'new', id],
      );
      assert.equal((await port(id)).checkID, check.id);
      // an agent reports on it; then the port moves: Watchpost owns the new target's answer
      await call('PATCH', `/v1/pipeline_checks/${check.id}`, { status: 'ok' }, 204);
      h.clock.advance(1000);
      await patchPort(id, { frontendPort: 5171 });
      const moved = (await call('GET', `/v1/pipeline_checks/${check.id}`)) as Check;
      assert.deepEqual([moved.port, moved.status, moved.agentManaged], [5171, 'new', false]);
      assert.equal(moved.updatedAt, new Date(h.clock.now()).toISOString());
      await patchPort(id, { protocol: 'udp', backendPort: 1 });
      assert.equal(((await call('GET', `/v1/pipeline_checks/${check.id}`)) as Check).protocol, 'udp');
      await patchPort(id, { backendPort: 2 });
      assert.equal((await checksOf(pipeline)).length, 1, 'a backend port change touches nothing');
      await patchPort(id, { endpoint: '' });
      assert.deepEqual(await checksOf(pipeline), []);
      assert.equal((await port(id)).checkID, null);
    });

    test('ClusterIP ports, non-host endpoints and a probe turned off have no check', async () => {
      const pipeline = await newPipeline();
      const cluster = await newPort(pipeline, { probe: true, endpoint: '10.0.0.5', kind: 'ClusterIP' });
      assert.equal((await port(cluster)).checkID, null);
      const id = await newPort(pipeline, { probe: true, frontendPort: 80, endpoint: 'lb.example.com' });
      const [check] = await checksOf(pipeline);
      assert.equal(check?.host, 'lb.example.com');
      await patchPort(id, { kind: 'ClusterIP' });
      assert.deepEqual(await checksOf(pipeline), []);
      await patchPort(id, { kind: 'LoadBalancer' });
      assert.equal((await checksOf(pipeline)).length, 1);
      await patchPort(id, { endpoint: 'http://lb.example.com:80' });
      assert.deepEqual(await checksOf(pipeline), [], 'a URL is no host to probe');
      await patchPort(id, { endpoint: 'lb.example.com' });
      await patchPort(id, { probe: false });
      assert.deepEqual(await checksOf(pipeline), []);
      assert.equal((await port(id)).probe, false);
    });

    test('deleting the port deletes its check', async () => {
      const pipeline = await newPipeline();
      const id = await newPort(pipeline, { probe: true, endpoint: '10.1.1.1' });
      const checkId = (await port(id)).checkID;
      assert.ok(checkId);
      await call('DELETE', `/v1/pipeline_ports/${id}`, undefined, 204);
      assert.deepEqual(await checksOf(pipeline), []);
      await call('GET', `/v1/pipeline_checks/${checkId}`, undefined, 404);
    });

    test('a manual check on the same target wins: the port write succeeds and follows no check', async () => {
      const pipeline = await newPipeline();
      const manual = async (host: string, port: number) =>
        (await call('POST', `/v1/pipelines/${pipeline}/checks`, { protocol: 'tcp', host, port }, 201)).id as string;
      const first = await manual('10.2.2.2', 9880);
      const second = await manual('10.2.2.9', 9881);
      const id = await newPort(pipeline, { probe: true, frontendPort: 9880, endpoint: '10.2.2.2' });
      assert.equal((await port(id)).checkID, null);
      // moving onto a manual check's target drops the following check instead of failing
      const other = await newPort(pipeline, { probe: true, frontendPort: 9881, endpoint: '10.2.2.3' });
      assert.ok((await port(other)).checkID);
      await patchPort(other, { endpoint: '10.2.2.9' });
      const moved = await port(other);
      assert.deepEqual([moved.endpoint, moved.checkID], ['10.2.2.9', null], 'the port write itself went through');
      assert.deepEqual((await checksOf(pipeline)).map((c) => c.id).sort(), [first, second].sort());
      // once the manual check is gone, the next write of the port creates its own
      await call('DELETE', `/v1/pipeline_checks/${first}`, undefined, 204);
      await patchPort(id, { probe: true });
      assert.ok((await port(id)).checkID);
    });

    test('a port write that fails changes neither the port nor its check', async () => {
      const pipeline = await newPipeline();
      await newPort(pipeline, { frontendPort: 7000 });
      const id = await newPort(pipeline, { probe: true, frontendPort: 7001, endpoint: '10.3.3.3' });
      const before = await checksOf(pipeline);
      const res = await h.app.inject({
        method: 'PATCH',
        url: `/v1/pipeline_ports/${id}`,
        headers: { 'x-project-token': owner.api_key },
        payload: { frontendPort: 7000, endpoint: '10.3.3.4' },
      });
      assert.deepEqual(
        [res.statusCode, res.json()],
        [409, { error: 'pipeline port already in use', detail: 'protocol tcp, port 7000' }],
      );
      assert.deepEqual(await checksOf(pipeline), before);
      assert.equal((await port(id)).endpoint, '10.3.3.3');
      const dup = await h.app.inject({
        method: 'POST',
        url: `/v1/aggregator_pipelines/${pipeline}/ports`,
        headers: { 'x-project-token': owner.api_key },
        payload: { protocol: 'tcp', frontendPort: 7000, backendPort: 1, endpoint: '10.9.9.9', probe: true },
      });
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(await checksOf(pipeline), before, 'no check for a port that was never created');
    });

    test('two writes of the same port at once leave exactly one check, on the port as it ends', async () => {
      const pipeline = await newPipeline();
      const id = await newPort(pipeline, { probe: true, frontendPort: 8000 });
      for (let round = 0; round < 5; round++) {
        await Promise.all([
          patchPort(id, { endpoint: `10.4.4.${round + 1}` }),
          patchPort(id, { frontendPort: 8001 + round }),
          setPortProbe(h.deps, owner.projectId, id, true),
        ]);
        const p = await port(id);
        const checks = await checksOf(pipeline);
        assert.equal(checks.length, 1);
        assert.deepEqual([checks[0]?.id, checks[0]?.host, checks[0]?.port], [p.checkID, p.endpoint, p.frontendPort]);
      }
    });

    test('setPortProbe turns the probe on and off, and knows only the project’s own ports', async () => {
      const pipeline = await newPipeline();
      const id = await newPort(pipeline, { endpoint: '10.5.5.5' });
      await setPortProbe(h.deps, owner.projectId, id, true);
      assert.ok((await port(id)).checkID);
      await setPortProbe(h.deps, owner.projectId, id, false);
      assert.equal((await port(id)).checkID, null);
      await assert.rejects(
        setPortProbe(h.deps, outsider.projectId, id, true),
        (e) => isAppError(e) && e.message === 'pipeline port not found',
      );
      assert.equal((await port(id)).probe, false);
    });

    test('the prober probes the port’s endpoint and reports the check ok', async () => {
      const { server, port: listening } = await listen();
      try {
        const pipeline = await newPipeline();
        const id = await newPort(pipeline, { probe: true, frontendPort: listening, backendPort: 1, endpoint: '127.0.0.1' });
        await runDueProbes(h.deps);
        const check = (await call('GET', `/v1/pipeline_checks/${(await port(id)).checkID}`)) as Check;
        assert.deepEqual([check.host, check.port, check.status], ['127.0.0.1', listening, 'ok']);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}
