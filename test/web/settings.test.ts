import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject } from '../../src/accounts/create-project.js';
import type { MemberRole } from '../../src/store/schema.js';
import { testDialects } from '../support/databases.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { loggedInClient, type WebClient } from '../support/web-client.js';

const KEY_IN_PAGE = /<code id="new-key" data-key-kind="([a-z-]+)">([^<]+)<\/code>/;

function newKeyOf(body: string): string {
  const match = KEY_IN_PAGE.exec(body);
  assert.ok(match, 'the page shows the new key');
  return match[2]!;
}

for (const dialect of testDialects()) {
  describe(`project settings: API keys and ping key (${dialect})`, () => {
    let h: Harness;
    let owner: WebClient & { userId: number };
    let readOnly: WebClient & { userId: number };
    let writer: WebClient & { userId: number };
    let outsider: WebClient;
    let code: string;
    let base: string;

    const apiChecks = (key: string) => h.app.inject({ url: '/api/v3/checks/', headers: { 'x-api-key': key } });

    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://hc.example.org', SITE_NAME: 'Mychecks' });
      owner = await loggedInClient(h.deps, h.app, 'owner@example.org');
      readOnly = await loggedInClient(h.deps, h.app, 'viewer@example.org');
      writer = await loggedInClient(h.deps, h.app, 'member@example.org');
      outsider = await loggedInClient(h.deps, h.app, 'outsider@example.org');
      const { project } = await createProject(h.deps, { name: 'Backups', ownerEmail: 'owner@example.org' });
      code = project.id;
      base = `/projects/${code}/settings/`;
      const { id } = await h.deps.store.db.selectFrom('projects').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const member = (userId: number, role: MemberRole) => ({
        project_id: Number(id),
        user_id: userId,
        role,
        created_at: h.clock.now(),
      });
      await h.deps.store.db
        .insertInto('members')
        .values([member(readOnly.userId, 'r'), member(writer.userId, 'w')])
        .execute();
    });
    after(() => h.close());

    test('shows the masked keys the project was created with, and never a key in clear', async () => {
      const res = await owner.get(base);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Settings – Backups – Mychecks<\/title>/);
      assert.match(res.body, /hcw_[A-Za-z0-9]{4}\*{24}/);
      assert.match(res.body, /hcr_[A-Za-z0-9]{4}\*{24}/);
      assert.doesNotMatch(res.body, /hc[wr]_[A-Za-z0-9]{28}/);
      assert.match(res.body, /https:\/\/hc\.example\.org\/projects\/[0-9a-f-]+\/metrics\/&lt;read-only key&gt;/);
      assert.match(res.body, /href="\/accounts\/profile\/"/);
      assert.equal(res.headers['cache-control'], 'no-store');
    });

    test('a created read-only key is shown once, works against /api/v3/checks/, and the Prometheus URL carries it', async () => {
      await owner.get(base);
      const res = await owner.post(`${base}keys/read-only/create/`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const key = newKeyOf(res.body);
      assert.match(key, /^hcr_[A-Za-z0-9]{28}$/);
      assert.ok(res.body.includes(`https://hc.example.org/projects/${code}/metrics/${key}`));

      const api = await apiChecks(key);
      assert.equal(api.statusCode, 200);
      assert.deepEqual(api.json(), { checks: [] });
      const metrics = await h.app.inject({ url: `/projects/${code}/metrics/${key}` });
      assert.equal(metrics.statusCode, 200);

      const again = await owner.get(base);
      assert.ok(!again.body.includes(key), 'the key is not shown a second time');
      assert.ok(again.body.includes(`hcr_${key.slice(4, 8)}${'*'.repeat(24)}`));
    });

    test('regenerating a key makes the previous one stop working', async () => {
      await owner.get(base);
      const first = newKeyOf((await owner.post(`${base}keys/read-write/create/`)).body);
      assert.equal((await apiChecks(first)).statusCode, 200);
      await owner.get(base);
      const second = newKeyOf((await owner.post(`${base}keys/read-write/create/`)).body);
      assert.notEqual(first, second);
      assert.equal((await apiChecks(first)).statusCode, 401);
      assert.equal((await apiChecks(second)).statusCode, 200);
      const create = await h.app.inject({
        method: 'POST',
        url: '/api/v3/checks/',
        headers: { 'x-api-key': second },
        payload: { name: 'made with the new key' },
      });
      assert.equal(create.statusCode, 201);
    });

    test('revoking a key makes the API answer 401 and the page say it has none', async () => {
      await owner.get(base);
      const key = newKeyOf((await owner.post(`${base}keys/read-only/create/`)).body);
      assert.equal((await apiChecks(key)).statusCode, 200);
      const res = await owner.post(`${base}keys/read-only/revoke/`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, base);
      const api = await apiChecks(key);
      assert.equal(api.statusCode, 401);
      assert.deepEqual(api.json(), { error: 'wrong api key' });
      const page = await owner.get(base);
      assert.match(page.body, /The read-only API key has been revoked\./);
      assert.match(page.body, /No read-only key yet\./);
      assert.match(page.body, />Create read-only key</);
    });

    test('a new ping key pings checks by slug, and a revoked one no longer does', async () => {
      await h.app.inject({
        method: 'POST',
        url: '/api/v3/checks/',
        headers: { 'x-api-key': newKeyOf((await owner.post(`${base}keys/read-write/create/`)).body) },
        payload: { name: 'nightly', slug: 'nightly' },
      });
      await owner.get(base);
      const res = await owner.post(`${base}keys/ping/create/`);
      const pingKey = newKeyOf(res.body);
      assert.match(pingKey, /^[a-z0-9]{22}$/);
      assert.ok(res.body.includes(`https://hc.example.org/ping/${pingKey}/backups`));
      assert.equal((await h.app.inject({ url: `/ping/${pingKey}/nightly` })).body, 'OK');

      const shown = await owner.get(base);
      assert.ok(shown.body.includes(`${pingKey.slice(0, 4)}${'*'.repeat(18)}`));
      assert.ok(shown.body.includes('<summary>Show the ping key</summary>'));

      await owner.post(`${base}keys/ping/revoke/`);
      assert.equal((await h.app.inject({ url: `/ping/${pingKey}/nightly` })).statusCode, 404);
      assert.match((await owner.get(base)).body, /No ping key yet/);
    });

    test('a regular member may manage keys', async () => {
      await writer.get(base);
      const res = await writer.post(`${base}keys/read-only/create/`);
      assert.equal(res.statusCode, 200);
      assert.equal((await apiChecks(newKeyOf(res.body))).statusCode, 200);
    });

    test('a read-only member sees the page without forms, and gets 403 on every key action', async () => {
      const page = await readOnly.get(base);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /read-only access to this project/);
      assert.doesNotMatch(page.body, /settings\/keys\//);
      assert.doesNotMatch(page.body, /Show the ping key/);
      for (const kind of ['read-write', 'read-only', 'ping']) {
        for (const action of ['create', 'revoke']) {
          const res = await readOnly.post(`${base}keys/${kind}/${action}/`);
          assert.equal(res.statusCode, 403, `${kind} ${action}`);
          assert.match(res.body, /read-only members cannot change this project/);
          assert.doesNotMatch(res.body, /hc[wr]_[A-Za-z0-9]{28}/);
        }
      }
    });

    test('an outsider gets 404 on the page and on every key action, and changes nothing', async () => {
      assert.equal((await outsider.get(base)).statusCode, 404);
      await outsider.get('/docs/');
      for (const action of ['create', 'revoke']) {
        assert.equal((await outsider.post(`${base}keys/read-write/${action}/`)).statusCode, 404);
      }
      const before = await owner.get(base);
      assert.match(before.body, /hcw_[A-Za-z0-9]{4}\*{24}/);
    });

    test('a key form without the CSRF token is refused with 403 and creates nothing', async () => {
      const page = await owner.get(base);
      const masked = /hcw_[A-Za-z0-9]{4}\*{24}/.exec(page.body)![0];
      const res = await owner.post(`${base}keys/read-write/create/`, { _csrf: '' });
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch(res.body, KEY_IN_PAGE);
      const revoke = await owner.post(`${base}keys/read-write/revoke/`, { _csrf: 'forged' });
      assert.equal(revoke.statusCode, 403);
      assert.ok((await owner.get(base)).body.includes(masked), 'the key is unchanged');
    });

    test('an unknown key kind is a 404; an anonymous visitor is sent to the login page', async () => {
      await owner.get(base);
      assert.equal((await owner.post(`${base}keys/master/create/`)).statusCode, 404);
      const anonymous = await h.app.inject({ url: base, headers: { accept: 'text/html' } });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, `/accounts/login/?next=${encodeURIComponent(base)}`);
    });
  });
}
