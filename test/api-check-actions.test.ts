import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, pingsOf, reload, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`API: pause, resume, delete, channels (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    const call = (
      method: 'GET' | 'POST' | 'DELETE' | 'OPTIONS',
      url: string,
      init: { key?: string | null; body?: string } = {},
    ) =>
      h.app.inject({
        method,
        url,
        payload: init.body,
        headers: init.key === null ? {} : { 'x-api-key': init.key ?? project.api_key },
      });

    test('pause: status paused, run and deadline cleared, a processed up→paused flip (items 130, 209)', async () => {
      const check = await makeCheck(h.deps, project, {
        status: 'up',
        last_ping_at: T0,
        last_start_at: T0,
        alert_after: T0 + 1000,
      });
      const res = await call('POST', `/api/v3/checks/${check.code}/pause`, { body: '' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.deepEqual([res.json<Json>().status, res.json<Json>().started], ['paused', false]);
      const after = await reload(h.deps, check.code);
      assert.deepEqual([after.status, after.lastStartAt, after.alertAfter, after.lastPingAt], ['paused', null, null, T0]);
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status, f.processed_at !== null]),
        [['up', 'paused', true]],
      );
      const again = await call('POST', `/api/v3/checks/${check.code}/pause`);
      assert.equal(again.statusCode, 200);
      assert.equal((await flipsOf(h.deps, check.id)).length, 1, 'already paused: no new flip');
    });

    test('the key may be in the body; a non-object body is refused (items 131, 4.11)', async () => {
      const check = await makeCheck(h.deps, project, { status: 'up' });
      const res = await call('POST', `/api/v3/checks/${check.code}/pause`, {
        key: null,
        body: JSON.stringify({ api_key: project.api_key }),
      });
      assert.equal(res.statusCode, 200);
      const bad = await call('POST', `/api/v3/checks/${check.code}/pause`, { body: '123' });
      assert.deepEqual([bad.statusCode, bad.json()], [400, { error: 'json validation error: value is not an object' }]);
    });

    test('resume: 409 text unless paused; then new, with last ping and deadline cleared (items 133–135)', async () => {
      const check = await makeCheck(h.deps, project, { status: 'up', last_ping_at: T0, n_pings: 3, last_duration_ms: 5000 });
      const conflict = await call('POST', `/api/v1/checks/${check.code}/resume`);
      assert.deepEqual([conflict.statusCode, conflict.body], [409, 'check is not paused']);
      await call('POST', `/api/v1/checks/${check.code}/pause`);
      const res = await call('POST', `/api/v1/checks/${check.code}/resume`);
      assert.equal(res.statusCode, 200);
      const after = await reload(h.deps, check.code);
      assert.deepEqual(
        [after.status, after.lastPingAt, after.alertAfter, after.nPings, after.lastDurationMs],
        ['new', null, null, 3, 5000],
      );
      assert.deepEqual(
        (await flipsOf(h.deps, check.id)).map((f) => [f.old_status, f.new_status]),
        [
          ['up', 'paused'],
          ['paused', 'new'],
        ],
      );
    });

    test('pause and resume: GET → 405, OPTIONS → 204, read-only keys 401, others 403/404 (item 132)', async () => {
      const check = await makeCheck(h.deps, project);
      assert.equal((await call('GET', `/api/v3/checks/${check.code}/pause`)).statusCode, 405);
      const options = await call('OPTIONS', `/api/v3/checks/${check.code}/resume`);
      assert.equal(options.statusCode, 204);
      assert.match(String(options.headers['access-control-allow-methods']), /POST/);
      assert.equal((await call('POST', `/api/v3/checks/${check.code}/pause`, { key: project.api_key_readonly })).statusCode, 401);
      const theirs = await makeCheck(h.deps, await makeProject(h.deps, 'theirs'));
      assert.equal((await call('POST', `/api/v3/checks/${theirs.code}/pause`)).statusCode, 403);
      assert.equal((await call('POST', '/api/v3/checks/07c2f548-9850-4b27-af5d-6c9dc157ec02/pause')).statusCode, 404);
      assert.equal((await call('POST', '/api/v3/checks/not-a-uuid/pause')).statusCode, 404);
    });

    test('a paused check that is pinged comes back up silently (item 213)', async () => {
      const check = await makeCheck(h.deps, project, { status: 'down' });
      await call('POST', `/api/v3/checks/${check.code}/pause`);
      await h.app.inject({ url: `/ping/${check.code}` });
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status]),
        [
          ['down', 'paused'],
          ['paused', 'up'],
        ],
      );
    });

    test('delete: answers the check as it was, then it is gone with its history (item 129)', async () => {
      const check = await makeCheck(h.deps, project, { last_start_at: T0 });
      await h.app.inject({ url: `/ping/${check.code}/log` });
      const v1 = await call('DELETE', `/api/v1/checks/${check.code}`);
      assert.equal(v1.statusCode, 200);
      assert.equal(v1.headers['access-control-allow-origin'], '*');
      assert.deepEqual([v1.json<Json>().uuid, v1.json<Json>().status, v1.json<Json>().channels], [check.code, 'started', '']);
      assert.equal((await call('DELETE', `/api/v1/checks/${check.code}`)).statusCode, 404);
      assert.equal((await pingsOf(h.deps, check.id)).length, 0);
      assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 404);
      const running = await makeCheck(h.deps, project, { last_start_at: h.clock.now() });
      const v2 = await call('DELETE', `/api/v2/checks/${running.code}`);
      assert.deepEqual([v2.json<Json>().status, v2.json<Json>().started], ['new', true]);
      const other = await makeCheck(h.deps, project);
      assert.deepEqual((await call('DELETE', `/api/v2/checks/${other.code}`, { key: null })).json(), {
        error: 'missing api key',
      });
      const options = await call('OPTIONS', `/api/v2/checks/${other.code}`);
      assert.match(String(options.headers['access-control-allow-methods']), /DELETE/);
    });

    test('channels: the project’s integrations, read-write keys only (item 150)', async () => {
      await h.deps.store.db
        .insertInto('channels')
        .values({
          code: '33333333-0000-4000-8000-000000000001',
          name: 'Email to Alice',
          kind: 'email',
          project_id: project.projectId,
          created_at: T0,
        })
        .execute();
      const theirs = await makeProject(h.deps, 'channels of others');
      await h.deps.store.db
        .insertInto('channels')
        .values({
          code: '33333333-0000-4000-8000-000000000002',
          name: 'theirs',
          kind: 'webhook',
          project_id: theirs.projectId,
          created_at: T0,
        })
        .execute();
      for (const url of ['/api/v1/channels/', '/api/v3/channels']) {
        const res = await call('GET', url);
        assert.equal(res.statusCode, 200);
        assert.deepEqual(res.json(), {
          channels: [{ id: '33333333-0000-4000-8000-000000000001', name: 'Email to Alice', kind: 'email' }],
        });
      }
      assert.equal((await call('GET', '/api/v1/channels/', { key: project.api_key_readonly })).statusCode, 401);
      assert.equal((await call('POST', '/api/v1/channels/')).statusCode, 405);
      assert.equal((await call('GET', '/api/v1/channels/', { key: null })).statusCode, 401);
    });
  });
}
