import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeProject, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`GET /v1/projects/{projectID}/pipelines (${dialect})`, () => {
    let h: Harness;
    let owner: TestProject;
    let outsider: TestProject;
    /** The owner's pipelines, oldest first. */
    const created: string[] = [];

    const get = (url: string, project = owner) => h.app.inject({ url, headers: { 'x-project-token': project.api_key } });
    async function post(url: string, payload: Json, project = owner): Promise<string> {
      const res = await h.app.inject({ method: 'POST', url, headers: { 'x-project-token': project.api_key }, payload });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string }>().id;
    }

    before(async () => {
      h = await makeHarness(dialect);
      owner = await makeProject(h.deps, 'Owner');
      outsider = await makeProject(h.deps, 'Outsider');
      for (const core of ['edge-a', 'edge-b']) {
        const coreId = await post('/v1/aggregators', { name: core });
        for (let i = 0; i < 4; i++) {
          // p0 and p1 share a millisecond (the id breaks the tie); the last one made is the newest
          if (i !== 1) h.clock.advance(1);
          created.push(await post(`/v1/aggregators/${coreId}/pipelines`, { name: `${core}-p${i}` }));
        }
      }
      const theirs = await post('/v1/aggregators', { name: 'edge-a' }, outsider);
      await post(`/v1/aggregators/${theirs}/pipelines`, { name: 'edge-a-p0' }, outsider);
    });
    after(() => h.close());

    test('lists every core instance’s pipelines of the project, newest first, as a bare array', async () => {
      const res = await get(`/v1/projects/${owner.id}/pipelines`);
      assert.equal(res.statusCode, 200, res.body);
      const all = res.json<Json[]>();
      assert.ok(Array.isArray(all));
      assert.deepEqual(new Set(all.map((p) => p.id)), new Set(created));
      assert.equal(all[0]?.id, created[created.length - 1]);
      assert.equal(res.headers.link, undefined, 'no next page');
      // the same pipeline JSON as the pipeline's own GET
      const one = (await get(`/v1/aggregator_pipelines/${String(all[0]?.id)}`)).json<Json>();
      assert.deepEqual(all[0], one);
    });

    test('pages with last and the Link header, every pipeline exactly once, for every page size', async () => {
      const all = (await get(`/v1/projects/${owner.id}/pipelines`)).json<Json[]>().map((p) => p.id);
      for (let size = 1; size <= all.length + 1; size++) {
        const seen: unknown[] = [];
        let url: string | null = `/v1/projects/${owner.id}/pipelines?last=${size}`;
        while (url) {
          const res = await get(url);
          const page = res.json<Json[]>();
          assert.ok(page.length <= size);
          seen.push(...page.map((p) => p.id));
          const link = res.headers.link as string | undefined;
          url = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
        }
        assert.deepEqual(seen, all, `page size ${size}`);
      }
    });

    test('filters by exact name, and answers on the Go client’s aggregator_pipelines path too', async () => {
      const named = (await get(`/v1/projects/${owner.id}/pipelines?name=edge-b-p2`)).json<Json[]>();
      assert.deepEqual(
        named.map((p) => p.name),
        ['edge-b-p2'],
      );
      assert.deepEqual((await get(`/v1/projects/${owner.id}/pipelines?name=edge-b`)).json(), []);
      const alias = await get(`/v1/projects/${owner.id}/aggregator_pipelines?last=2`);
      const canonical = await get(`/v1/projects/${owner.id}/pipelines?last=2`);
      assert.deepEqual(alias.json(), canonical.json());
      assert.match(
        String(alias.headers.link),
        /^<\/v1\/projects\/[^/]+\/aggregator_pipelines\?last=2&before=[^>]+>; rel="next"$/,
      );
    });

    test('only the project’s own: another project’s path is not found, its pipelines never listed', async () => {
      const res = await get(`/v1/projects/${owner.id}/pipelines`, outsider);
      assert.deepEqual([res.statusCode, res.json()], [404, { error: 'project not found' }]);
      const theirs = (await get(`/v1/projects/${outsider.id}/pipelines`, outsider)).json<Json[]>();
      assert.equal(theirs.length, 1);
      assert.ok(!created.includes(String(theirs[0]?.id)));
      const anonymous = await h.app.inject({ url: `/v1/projects/${owner.id}/pipelines` });
      assert.deepEqual([anonymous.statusCode, anonymous.json()], [401, { error: 'unauthenticated' }]);
    });
  });
}
