import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkBody, errorCases, portBody, type ErrorCase, type Ids, type Method } from './support/cloud-error-cases.js';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`every error the Cloud API answers, exactly (${dialect})`, () => {
    let h: Harness;
    let owner: TestProject;
    let ids: Ids;

    const send = async (c: Omit<ErrorCase, 'status' | 'error'>) => {
      const headers = c.headers ?? { 'x-project-token': owner.api_key };
      const res = await h.app.inject({
        method: c.method,
        url: c.url,
        headers:
          c.raw !== undefined || c.body !== undefined
            ? { ...headers, 'content-type': c.contentType ?? 'application/json' }
            : headers,
        ...(c.raw !== undefined ? { payload: c.raw } : c.body !== undefined ? { payload: JSON.stringify(c.body) } : {}),
      });
      return res;
    };
    const created = async (method: Method, url: string, body: Json) => {
      const res = await send({ method, url, body });
      assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    /** Every Cloud row, so a refused write can be shown to have changed nothing. */
    const snapshot = async () => {
      const db = h.deps.store.db;
      return {
        cores: await db.selectFrom('core_instances').selectAll().orderBy('id').execute(),
        pipelines: await db.selectFrom('pipelines').selectAll().orderBy('id').execute(),
        ports: await db.selectFrom('pipeline_ports').selectAll().orderBy('id').execute(),
        checks: await db.selectFrom('cloud_checks').selectAll().orderBy('id').execute(),
      };
    };

    before(async () => {
      h = await makeHarness(dialect);
      owner = await makeProject(h.deps, 'Owner');
      const outsider = await makeProject(h.deps, 'Outsider');
      const core = await created('POST', '/v1/aggregators', { name: 'core-a' });
      await created('POST', '/v1/aggregators', { name: 'core-b' });
      const pipeline = await created('POST', `/v1/aggregators/${core}/pipelines`, { name: 'pipe-a' });
      await created('POST', `/v1/aggregators/${core}/pipelines`, { name: 'pipe-b' });
      const port = await created('POST', `/v1/aggregator_pipelines/${pipeline}/ports`, {
        ...portBody,
        frontendPort: 24224,
        probe: true,
        endpoint: '10.0.0.9',
      });
      await created('POST', `/v1/aggregator_pipelines/${pipeline}/ports`, { ...portBody, frontendPort: 24225 });
      ids = {
        core,
        pipeline,
        port,
        coreCheck: await created('POST', `/v1/core_instances/${core}/checks`, checkBody),
        pipelineCheck: await created('POST', `/v1/pipelines/${pipeline}/checks`, checkBody),
        project: owner.id,
        outsider: { 'x-project-token': outsider.api_key },
        readOnly: { 'x-project-token': owner.api_key_readonly },
      };
      await created('POST', `/v1/pipelines/${pipeline}/checks`, { ...checkBody, port: 5433 });
    });
    after(() => h.close());

    test('each refusal has its status, its exact body, and leaves every Cloud row as it was', async () => {
      const groups = errorCases(ids);
      for (const [group, cases] of Object.entries(groups)) {
        for (const c of cases) {
          const label = `${group}: ${c.method} ${c.url} ${c.raw ?? JSON.stringify(c.body) ?? ''}`;
          const before = await snapshot();
          const res = await send(c);
          assert.equal(res.statusCode, c.status, `${label} → ${res.body}`);
          assert.deepEqual(res.json(), { error: c.error, ...(c.detail === undefined ? {} : { detail: c.detail }) }, label);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', label);
          assert.deepEqual(await snapshot(), before, `${label} changed something`);
        }
      }
    });

    test('the lists read the same after all those refusals', async () => {
      const lists = [
        `/v1/core_instances/${ids.core}/checks`,
        `/v1/pipelines/${ids.pipeline}/checks`,
        `/v1/aggregator_pipelines/${ids.pipeline}/ports`,
        `/v1/core_instances/${ids.core}/pipelines`,
        `/v1/projects/${ids.project}/pipelines`,
      ];
      const counts = await Promise.all(lists.map(async (url) => (await send({ method: 'GET', url })).json<unknown[]>().length));
      assert.deepEqual(counts, [1, 3, 2, 2, 2]);
      const cores = (await send({ method: 'GET', url: `/v1/projects/${ids.project}/core_instances` })).json<{ count: number }>();
      assert.equal(cores.count, 2);
    });
  });
}
