import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, pingsOf, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

for (const dialect of testDialects()) {
  describe(`pings by ping key and slug (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    const ping = (url: string, init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}) =>
      h.app.inject({ method: (init.method ?? 'GET') as 'GET', url, payload: init.body, headers: init.headers });

    test('pings a check by ping key and slug, with every suffix', async () => {
      const check = await makeCheck(h.deps, project, { slug: 'foo' });
      const ok = await ping(`/ping/${project.ping_key}/foo`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.body, 'OK');
      assert.equal(ok.headers['access-control-allow-origin'], '*');
      assert.match(String(ok.headers['cache-control']), /no-cache/);
      for (const suffix of ['fail', 'start', '0', '123', 'log']) await ping(`/ping/${project.ping_key}/foo/${suffix}`);
      await ping(`/ping/${project.ping_key}/foo`, { method: 'POST', body: 'x' });
      await ping(`/ping/${project.ping_key}/foo`, { method: 'HEAD' });
      const pings = await pingsOf(h.deps, check.id);
      assert.deepEqual(
        pings.map((p) => [p.kind, p.exit_status]),
        [
          ['success', null],
          ['fail', null],
          ['start', null],
          ['success', 0],
          ['fail', 123],
          ['log', null],
          ['success', null],
          ['success', null],
        ],
      );
    });

    test('slugs named like suffixes are still pingable', async () => {
      const check = await makeCheck(h.deps, project, { slug: 'start' });
      assert.equal((await ping(`/ping/${project.ping_key}/start`)).statusCode, 200);
      assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, 'success');
    });

    test('two checks with the slug are ambiguous (409), even with create=1', async () => {
      await makeCheck(h.deps, project, { slug: 'twin' });
      await makeCheck(h.deps, project, { slug: 'twin' });
      for (const url of [`/ping/${project.ping_key}/twin`, `/ping/${project.ping_key}/twin?create=1`]) {
        const res = await ping(url);
        assert.equal(res.statusCode, 409);
        assert.equal(res.body, 'ambiguous slug');
      }
    });

    test('an unknown ping key or slug is a 404; uppercase in the slug a 400', async () => {
      await makeCheck(h.deps, project, { slug: 'known' });
      assert.equal((await ping('/ping/rrrrrrrrrrrrrrrrrrrrrr/known')).statusCode, 404);
      assert.equal((await ping(`/ping/${project.ping_key}/unknown`)).body, 'not found');
      assert.equal((await ping('/ping/rrrrrrrrrrrrrrrrrrrrrr/new?create=1')).statusCode, 404);
      const upper = await ping(`/ping/${project.ping_key}/fooFOO`);
      assert.equal(upper.statusCode, 400);
      assert.equal(upper.body, 'invalid url format');
    });

    test('create=1 provisions a check with every integration of the project', async () => {
      const channel = await h.deps.store.db
        .insertInto('channels')
        .values({
          code: '11111111-1111-4111-8111-111111111111',
          project_id: project.projectId,
          kind: 'email',
          value: 'a@b.c',
          created_at: T0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const res = await ping(`/ping/${project.ping_key}/brand-new?create=1`);
      assert.equal(res.statusCode, 201);
      assert.equal(res.body, 'Created');
      assert.equal(res.headers['ping-body-limit'], '10000');
      const created = await h.deps.store.db.selectFrom('checks').selectAll().where('slug', '=', 'brand-new').execute();
      assert.equal(created.length, 1);
      assert.equal(created[0]!.name, 'brand-new');
      assert.equal(created[0]!.n_pings, 1);
      assert.equal(created[0]!.status, 'up');
      const assigned = await h.deps.store.db
        .selectFrom('checks_channels')
        .selectAll()
        .where('check_id', '=', created[0]!.id)
        .execute();
      assert.deepEqual(
        assigned.map((a) => Number(a.channel_id)),
        [Number(channel.id)],
      );
      assert.equal((await ping(`/ping/${project.ping_key}/brand-new?create=1`)).statusCode, 200, 'the second ping finds it');
    });

    test('without create=1 nothing is provisioned', async () => {
      assert.equal((await ping(`/ping/${project.ping_key}/not-created`)).statusCode, 404);
      const rows = await h.deps.store.db.selectFrom('checks').select('id').where('slug', '=', 'not-created').execute();
      assert.equal(rows.length, 0);
    });

    test('create=1 with a bad rid still creates the check and answers 400', async () => {
      const res = await ping(`/ping/${project.ping_key}/with-bad-rid?create=1&rid=bad`);
      assert.equal(res.statusCode, 400);
      assert.equal(res.body, 'invalid uuid format');
      const rows = await h.deps.store.db.selectFrom('checks').select('n_pings').where('slug', '=', 'with-bad-rid').execute();
      assert.deepEqual(rows, [{ n_pings: 0 }]);
    });

    test('concurrent create=1 pings for one slug make exactly one check', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => ping(`/ping/${project.ping_key}/raced?create=1`)));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
      const rows = await h.deps.store.db.selectFrom('checks').select('n_pings').where('slug', '=', 'raced').execute();
      assert.deepEqual(rows, [{ n_pings: 8 }]);
    });
  });
}
