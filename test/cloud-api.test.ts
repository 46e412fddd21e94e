import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { mintProjectToken, projectToken } from '../src/cloud/project-token.js';
import { cloudRoutes } from '../src/http/cloud/cloud-routes.js';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const ZERO = '00000000-0000-4000-8000-000000000000';

for (const dialect of testDialects()) {
  describe(`Calyptia Cloud API (${dialect})`, () => {
    let h: Harness;
    let app: FastifyInstance;
    let owner: TestProject;
    let outsider: TestProject;
    let token: string;

    before(async () => {
      h = await makeHarness(dialect);
      // the lead registers cloudRoutes in app.ts; until then, a Fastify of our own on the same deps
      app = Fastify();
      await app.register(cloudRoutes(h.deps));
      await app.ready();
      owner = await makeProject(h.deps, 'Owner');
      outsider = await makeProject(h.deps, 'Outsider');
      token = await mintProjectToken(h.deps, owner.id);
    });
    after(async () => {
      await app.close();
      await h.close();
    });

    const call = (opts: InjectOptions, as: string | null = token) =>
      app.inject({ ...opts, headers: { ...(as === null ? {} : { 'x-project-token': as }), ...(opts.headers ?? {}) } });
    const json = <T = Record<string, unknown>>(r: { body: string }): T => JSON.parse(r.body) as T;

    async function coreInstance(name: string, as = token): Promise<string> {
      const r = await call({ method: 'POST', url: '/v1/aggregators', payload: { name } }, as);
      assert.equal(r.statusCode, 201, r.body);
      return json<{ id: string }>(r).id;
    }
    async function pipeline(coreId: string, name: string): Promise<string> {
      const r = await call({ method: 'POST', url: `/v1/aggregators/${coreId}/pipelines`, payload: { name } });
      assert.equal(r.statusCode, 201, r.body);
      return json<{ id: string }>(r).id;
    }

    test('a minted token carries the project UUID in Calyptia format', () => {
      const [payload] = token.split('.');
      assert.deepEqual(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), { ProjectID: owner.id });
      assert.equal(token.split('.').length, 2);
    });

    test('accepts X-Project-Token, Bearer token and Bearer API key; refuses the rest', async () => {
      const id = await coreInstance('auth-core');
      const url = `/v1/aggregators/${id}`;
      assert.equal((await call({ method: 'GET', url })).statusCode, 200);
      assert.equal((await call({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }, null)).statusCode, 200);
      assert.equal(
        (await call({ method: 'GET', url, headers: { authorization: `Bearer ${owner.api_key}` } }, null)).statusCode,
        200,
      );
      const none = await call({ method: 'GET', url }, null);
      assert.equal(none.statusCode, 401);
      assert.deepEqual(json(none), { error: 'unauthenticated' });
      const forged = projectToken('another-secret', owner.id);
      const bad = await call({ method: 'GET', url }, forged);
      assert.equal(bad.statusCode, 401);
      assert.deepEqual(json(bad), { error: 'invalid token' });
      assert.equal((await call({ method: 'GET', url }, owner.api_key_readonly)).statusCode, 401);
    });

    test('core instance checks: create, get, list, patch, delete with the documented shapes', async () => {
      const core = await coreInstance('checks-core');
      // seed 000 example request
      const created = await call({
        method: 'POST',
        url: `/v1/core_instances/${core}/checks`,
        payload: { protocol: 'tcp', host: 'localhost', port: 0 },
      });
      assert.equal(created.statusCode, 201);
      const body = json<{ id: string; createdAt: string }>(created);
      assert.deepEqual(Object.keys(body).sort(), ['createdAt', 'id']);
      assert.equal(body.createdAt, new Date(h.clock.now()).toISOString());
      const got = json(await call({ method: 'GET', url: `/v1/core_instance_checks/${body.id}` }));
      const seed = {
        id: '123e4567-e89b-12d3-a456-426614174000',
        protocol: 'tcp',
        status: 'new',
        retries: 0,
        host: 'localhost',
        port: 0,
        createdAt: '2024-10-16T11:23:29.310Z',
        updatedAt: '2024-10-16T11:23:29.310Z',
      };
      // the seed's keys, and Watchpost's extra fields (spec §7: clients ignore unknown keys)
      assert.deepEqual(
        Object.keys(got).sort(),
        [...Object.keys(seed), 'interval', 'agentManaged', 'lastCheckedAt', 'lastError', 'portID', 'payload', 'expect'].sort(),
      );
      for (const key of Object.keys(seed)) assert.equal(typeof got[key], typeof seed[key as keyof typeof seed], key);
      assert.equal(got.retries, 3, 'a missing retries is 3');
      assert.equal(got.createdAt, body.createdAt);
      assert.equal(got.updatedAt, body.createdAt);
      const list = await call({ method: 'GET', url: `/v1/core_instances/${core}/checks` });
      assert.ok(Array.isArray(json(list)));
      h.clock.advance(1000);
      const patched = await call({
        method: 'PATCH',
        url: `/v1/core_instance_checks/${body.id}`,
        payload: { status: 'ok', retries: 0 },
      });
      assert.equal(patched.statusCode, 204);
      assert.equal(patched.body, '');
      const after1 = json(await call({ method: 'GET', url: `/v1/core_instance_checks/${body.id}` }));
      assert.equal(after1.status, 'ok');
      assert.equal(after1.retries, 0);
      const row = await h.deps.store.db
        .selectFrom('cloud_checks')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.agent_managed), 1, 'an external status PATCH marks it agent-managed');
      await call({ method: 'PATCH', url: `/v1/core_instance_checks/${body.id}`, payload: { port: 24224 } });
      assert.equal(json(await call({ method: 'GET', url: `/v1/core_instance_checks/${body.id}` })).status, 'new');
      const deleted = await call({ method: 'DELETE', url: `/v1/core_instance_checks/${body.id}` });
      assert.equal(deleted.statusCode, 204);
      const gone = await call({ method: 'GET', url: `/v1/core_instance_checks/${body.id}` });
      assert.equal(gone.statusCode, 404);
      assert.deepEqual(json(gone), { error: 'core instance check not found' });
    });

    test('every check error text of the spec, for both kinds', async () => {
      const core = await coreInstance('errors-core');
      const pipe = await pipeline(core, 'errors-pipe');
      for (const [noun, url] of [
        ['core instance check', `/v1/core_instances/${core}/checks`],
        ['pipeline check', `/v1/pipelines/${pipe}/checks`],
      ] as const) {
        const good = { protocol: 'tcp', host: 'db.example.com', port: 5432 };
        const cases: Array<[Record<string, unknown>, string]> = [
          [{ ...good, protocol: 'icmp' }, 'protocol'],
          [{ ...good, status: 'done' }, 'status'],
          [{ ...good, host: 'bad_host' }, 'host'],
          [{ ...good, host: '::1' }, 'host'],
          [{ ...good, port: 65536 }, 'port'],
          [{ ...good, port: '80' }, 'port'],
          [{ ...good, retries: -1 }, 'retries'],
        ];
        for (const [payload, field] of cases) {
          const r = await call({ method: 'POST', url, payload });
          assert.equal(r.statusCode, 400, JSON.stringify(payload));
          assert.deepEqual(json(r), { error: `invalid ${noun} ${field}` });
        }
        const ok = await call({ method: 'POST', url, payload: { ...good, status: '', retries: 0 } });
        assert.equal(ok.statusCode, 201, 'Go clients send status "" for unset');
      }
      const dup = await call({
        method: 'POST',
        url: `/v1/pipelines/${pipe}/checks`,
        payload: { protocol: 'tcp', host: 'db.example.com', port: 5432 },
      });
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(json(dup), { error: 'pipeline check already exists' });
      for (const [url, error] of [
        ['/v1/core_instance_checks/nope', 'invalid core instance check ID'],
        ['/v1/pipeline_checks/nope', 'invalid pipeline check ID'],
        ['/v1/core_instances/nope/checks', 'invalid core instance ID'],
        ['/v1/pipeline_ports/nope', 'invalid pipeline port ID'],
        ['/v1/aggregator_pipelines/nope/ports', 'invalid pipeline ID'],
        [`/v1/core_instances/${core}/checks?before=zzz`, 'decode cursor'],
      ] as const) {
        const r = await call({ method: 'GET', url });
        assert.equal(r.statusCode, 400, url);
        assert.deepEqual(json(r), { error });
      }
      const missing = await call({ method: 'GET', url: `/v1/pipeline_checks/${ZERO}` });
      assert.deepEqual([missing.statusCode, json(missing)], [404, { error: 'pipeline check not found' }]);
    });

    test('pipeline ports: seed shapes, 409 on the same protocol and frontend port, errors', async () => {
      const core = await coreInstance('ports-core');
      const pipe = await pipeline(core, 'ports-pipe');
      const url = `/v1/aggregator_pipelines/${pipe}/ports`;
      const created = await call({
        method: 'POST',
        url,
        payload: { protocol: 'tcp', frontendPort: 4000, backendPort: 4000, endpoint: '' },
      });
      assert.equal(created.statusCode, 201);
      const body = json(created);
      assert.deepEqual(body, {
        id: body.id,
        kind: 'LoadBalancer',
        pluginID: null,
        pluginName: null,
        pluginAlias: null,
        createdAt: body.createdAt,
      });
      const got = json(await call({ method: 'GET', url: `/v1/pipeline_ports/${String(body.id)}` }));
      assert.deepEqual(Object.keys(got).sort(), [
        'backendPort',
        'checkID',
        'createdAt',
        'endpoint',
        'frontendPort',
        'id',
        'kind',
        'pluginAlias',
        'pluginID',
        'pluginName',
        'probe',
        'protocol',
        'updatedAt',
      ]);
      assert.equal(typeof got.frontendPort, 'number');
      const conflict = await call({
        method: 'POST',
        url,
        payload: { protocol: 'tcp', frontendPort: 4000, backendPort: 1, endpoint: '' },
      });
      assert.equal(conflict.statusCode, 409);
      assert.deepEqual(json(conflict), { error: 'pipeline port already in use', detail: 'protocol tcp, port 4000' });
      assert.equal(
        (await call({ method: 'POST', url, payload: { protocol: 'udp', frontendPort: 4000, backendPort: 4000, endpoint: '' } }))
          .statusCode,
        201,
      );
      for (const [payload, error] of [
        [{ protocol: 'sctp', frontendPort: 1, backendPort: 1, endpoint: '' }, 'invalid pipeline port protocol'],
        [{ protocol: 'tcp', frontendPort: -1, backendPort: 1, endpoint: '' }, 'invalid pipeline port number'],
        [{ protocol: 'tcp', frontendPort: 1, backendPort: 1, endpoint: 5 }, 'invalid pipeline port endpoint'],
        [{ protocol: 'tcp', frontendPort: 1, backendPort: 1, endpoint: '', kind: 'Ingress' }, 'invalid pipeline port type'],
      ] as const) {
        const r = await call({ method: 'POST', url, payload });
        assert.deepEqual([r.statusCode, json(r)], [400, { error }]);
      }
      const patched = await call({
        method: 'PATCH',
        url: `/v1/pipeline_ports/${String(body.id)}`,
        payload: { endpoint: '10.10.10.10' },
      });
      assert.equal(patched.statusCode, 204);
      assert.equal(json(await call({ method: 'GET', url: `/v1/pipeline_ports/${String(body.id)}` })).endpoint, '10.10.10.10');
      const taken = await call({ method: 'PATCH', url: `/v1/pipeline_ports/${String(body.id)}`, payload: { protocol: 'udp' } });
      assert.equal(taken.statusCode, 409);
      assert.equal((await call({ method: 'DELETE', url: `/v1/pipeline_ports/${String(body.id)}` })).statusCode, 204);
      const gone = await call({ method: 'GET', url: `/v1/pipeline_ports/${String(body.id)}` });
      assert.deepEqual([gone.statusCode, json(gone)], [404, { error: 'pipeline port not found' }]);
    });

    test('pagination returns every item exactly once, newest first, for every page size', async () => {
      const core = await coreInstance('paging-core');
      const ids: string[] = [];
      for (let i = 0; i < 9; i++) {
        // two share a millisecond: the id breaks the tie
        if (i % 3 !== 0) h.clock.advance(1);
        const r = await call({
          method: 'POST',
          url: `/v1/core_instances/${core}/checks`,
          payload: { protocol: 'udp', host: `h${i}`, port: i },
        });
        ids.push(json<{ id: string }>(r).id);
      }
      const all = json<Array<{ id: string }>>(await call({ method: 'GET', url: `/v1/core_instances/${core}/checks` })).map(
        (c) => c.id,
      );
      assert.equal(all.length, 9);
      assert.deepEqual(new Set(all), new Set(ids));
      assert.equal(all[0], ids[8]);
      for (let size = 1; size <= 10; size++) {
        const seen: string[] = [];
        let url: string | null = `/v1/core_instances/${core}/checks?last=${size}`;
        while (url) {
          const r = await call({ method: 'GET', url });
          const page = json<Array<{ id: string }>>(r);
          assert.ok(page.length <= size);
          seen.push(...page.map((c) => c.id));
          const link = r.headers.link as string | undefined;
          url = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
        }
        assert.deepEqual(seen, all, `page size ${size}`);
      }
    });

    test('core instance heartbeat status and a project sees only its own resources', async () => {
      const core = await coreInstance('beat-core');
      const get = async () => json(await call({ method: 'GET', url: `/v1/aggregators/${core}` }));
      assert.equal((await get()).status, 'waiting');
      const ping = await call({ method: 'POST', url: `/v1/aggregators/${core}/ping` });
      assert.deepEqual(json(ping), { nextPing: '30s' });
      h.clock.advance(35_000);
      assert.equal((await get()).status, 'running');
      h.clock.advance(1);
      assert.equal((await get()).status, 'unreachable');
      const theirs = await mintProjectToken(h.deps, outsider.id);
      const r = await call({ method: 'GET', url: `/v1/aggregators/${core}` }, theirs);
      assert.deepEqual([r.statusCode, json(r)], [404, { error: 'core instance not found' }]);
      assert.equal((await call({ method: 'GET', url: `/v1/core_instances/${core}/checks` }, theirs)).statusCode, 404);
      assert.equal((await call({ method: 'GET', url: `/v1/projects/${owner.id}/core_instances` }, theirs)).statusCode, 404);
      const mine = json<{ items: unknown[]; count: number }>(
        await call({ method: 'GET', url: `/v1/projects/${owner.id}/core_instances` }),
      );
      assert.equal(mine.items.length, mine.count);
      const dup = await call({ method: 'POST', url: '/v1/aggregators', payload: { name: 'beat-core' } });
      assert.deepEqual([dup.statusCode, json(dup)], [409, { error: 'aggregator name already exists' }]);
    });

    test('deleting a core instance removes its pipelines, ports and checks', async () => {
      const core = await coreInstance('cascade-core');
      const pipe = await pipeline(core, 'cascade-pipe');
      const port = json<{ id: string }>(
        await call({
          method: 'POST',
          url: `/v1/aggregator_pipelines/${pipe}/ports`,
          payload: { protocol: 'tcp', frontendPort: 1, backendPort: 1, endpoint: '' },
        }),
      ).id;
      const check = json<{ id: string }>(
        await call({
          method: 'POST',
          url: `/v1/pipelines/${pipe}/checks`,
          payload: { protocol: 'tcp', host: 'a', port: 1, status: 'ok' },
        }),
      ).id;
      const p = json(await call({ method: 'GET', url: `/v1/aggregator_pipelines/${pipe}?include=ports` }));
      assert.deepEqual([p.checksTotal, p.checksOK, p.checksRunning, (p.ports as unknown[]).length], [1, 1, 0, 1]);
      assert.equal((await call({ method: 'DELETE', url: `/v1/aggregators/${core}` })).statusCode, 204);
      assert.equal((await call({ method: 'GET', url: `/v1/aggregator_pipelines/${pipe}` })).statusCode, 404);
      assert.equal((await call({ method: 'GET', url: `/v1/pipeline_ports/${port}` })).statusCode, 404);
      assert.equal((await call({ method: 'GET', url: `/v1/pipeline_checks/${check}` })).statusCode, 404);
    });
  });
}
