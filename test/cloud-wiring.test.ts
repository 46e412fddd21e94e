import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

for (const dialect of testDialects()) {
  describe(`the Calyptia-style Cloud API is served by the server (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    test('a core instance and a check made with the project key, and nothing without one', async () => {
      const headers = { 'x-project-token': project.api_key };
      const core = await h.app.inject({ method: 'POST', url: '/v1/aggregators', headers, payload: { name: 'edge-core' } });
      assert.equal(core.statusCode, 201, core.body);
      const { id } = core.json<{ id: string }>();
      const check = await h.app.inject({
        method: 'POST',
        url: `/v1/core_instances/${id}/checks`,
        headers: { authorization: `Bearer ${project.api_key}` },
        payload: { protocol: 'tcp', host: 'db.internal', port: 5432 },
      });
      assert.equal(check.statusCode, 201, check.body);
      const listed = await h.app.inject({ url: `/v1/core_instances/${id}/checks`, headers });
      assert.equal(listed.json<unknown[]>().length, 1);
      const anonymous = await h.app.inject({ method: 'POST', url: '/v1/aggregators', payload: { name: 'x' } });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
