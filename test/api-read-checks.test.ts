import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uniqueKey } from '../src/domain/unique-key.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

const HOUR = 3_600_000;
const SIMPLE_RW_KEYS = [
  'name',
  'slug',
  'tags',
  'desc',
  'grace',
  'n_pings',
  'status',
  'started',
  'last_ping',
  'next_ping',
  'manual_resume',
  'methods',
  'subject',
  'subject_fail',
  'start_kw',
  'success_kw',
  'failure_kw',
  'filter_subject',
  'filter_body',
  'filter_http_body',
  'filter_default_fail',
  'badge_url',
  'uuid',
  'ping_url',
  'update_url',
  'pause_url',
  'resume_url',
  'channels',
  'timeout',
];
const URL_KEYS = ['uuid', 'ping_url', 'update_url', 'pause_url', 'resume_url', 'channels'];

for (const dialect of testDialects()) {
  describe(`API: reading checks (${dialect})`, () => {
    let h: Harness;
    let own: TestProject;
    let other: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      own = await makeProject(h.deps, 'Own');
      other = await makeProject(h.deps, 'Other');
    });
    after(() => h.close());

    const get = (url: string, key: string | null = own.api_key, method: 'GET' | 'POST' | 'HEAD' | 'OPTIONS' = 'GET') =>
      h.app.inject({ method, url, headers: key === null ? {} : { 'x-api-key': key } });

    test('a simple check has exactly the 29 keys of Healthchecks, in order (item 120)', async () => {
      const check = await makeCheck(h.deps, own, {
        name: 'Backups',
        slug: 'backups',
        tags: 'a b',
        filter_subject: 1,
        success_kw: 'OK',
        failure_kw: 'ERR',
      });
      const res = await get(`/api/v1/checks/${check.code}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      const json = res.json<Record<string, unknown>>();
      assert.deepEqual(Object.keys(json), SIMPLE_RW_KEYS);
      assert.equal(json.badge_url, `http://localhost:8000/b/2/${check.badgeKey}.svg`);
      assert.equal(json.update_url, `http://localhost:8000/api/v1/checks/${check.code}`);
      assert.equal(json.pause_url, `http://localhost:8000/api/v1/checks/${check.code}/pause`);
      assert.equal(json.ping_url, `http://localhost:8000/ping/${check.code}`);
      assert.deepEqual([json.subject, json.subject_fail], ['OK', 'ERR']);
      assert.deepEqual(
        [json.status, json.started, json.last_ping, json.next_ping, json.timeout, json.grace],
        ['new', false, null, null, 86400, 3600],
      );
    });

    test('URLs inside responses follow the API version', async () => {
      const check = await makeCheck(h.deps, own);
      for (const v of [1, 2, 3]) {
        const json = (await get(`/api/v${v}/checks/${check.code}`)).json<Record<string, string>>();
        assert.equal(json.update_url, `http://localhost:8000/api/v${v}/checks/${check.code}`);
      }
    });

    test('cron checks carry schedule and tz instead of timeout; last_duration when known', async () => {
      const check = await makeCheck(h.deps, own, {
        kind: 'cron',
        schedule: '0 * * * *',
        tz: 'Europe/Riga',
        last_duration_ms: 61_500,
      });
      const json = (await get(`/api/v3/checks/${check.code}`)).json<Record<string, unknown>>();
      assert.equal(json.timeout, undefined);
      assert.deepEqual([json.schedule, json.tz, json.last_duration], ['0 * * * *', 'Europe/Riga', 61]);
      assert.deepEqual(Object.keys(json).slice(-2), ['schedule', 'tz']);
    });

    test('last_ping and next_ping are ISO instants without fractions (item 126)', async () => {
      const check = await makeCheck(h.deps, own, { status: 'up', last_ping_at: T0 + 123, alert_after: T0 + 25 * HOUR });
      const json = (await get(`/api/v3/checks/${check.code}`)).json<Record<string, unknown>>();
      assert.equal(json.last_ping, '2026-01-05T10:00:00+00:00');
      assert.equal(json.next_ping, '2026-01-06T10:00:00+00:00');
    });

    test('channels lists the assigned integration UUIDs, sorted and comma-joined', async () => {
      const check = await makeCheck(h.deps, own);
      const codes = ['bbbbbbbb-0000-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000000'];
      for (const code of codes) {
        const channel = await h.deps.store.db
          .insertInto('channels')
          .values({ code, project_id: own.projectId, kind: 'email', created_at: T0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await h.deps.store.db.insertInto('checks_channels').values({ check_id: check.id, channel_id: channel.id }).execute();
      }
      const json = (await get(`/api/v3/checks/${check.code}`)).json<Record<string, unknown>>();
      assert.equal(json.channels, [...codes].sort().join(','));
    });

    test('a read-only key sees no UUID and no URL, but the unique key (item 123)', async () => {
      const check = await makeCheck(h.deps, own);
      for (const url of [`/api/v3/checks/${check.code}`, `/api/v3/checks/${uniqueKey(check.code)}`]) {
        const res = await get(url, own.api_key_readonly);
        assert.equal(res.statusCode, 200, url);
        const json = res.json<Record<string, unknown>>();
        for (const key of URL_KEYS) assert.equal(key in json, false, key);
        assert.equal(json.unique_key, uniqueKey(check.code));
        assert.equal(res.body.includes(check.code), false);
      }
    });

    test('by unique key with a read-write key: the full shape (item 121)', async () => {
      const check = await makeCheck(h.deps, own);
      const json = (await get(`/api/v1/checks/${uniqueKey(check.code)}`)).json<Record<string, unknown>>();
      assert.equal(json.uuid, check.code);
    });

    test('a running check reads started in v1 and keeps its status in v2 (item 124)', async () => {
      const check = await makeCheck(h.deps, own, { last_start_at: h.clock.now() - 60_000 });
      const key = uniqueKey(check.code);
      const v1 = (await get(`/api/v1/checks/${key}`)).json<Record<string, unknown>>();
      const v2 = (await get(`/api/v2/checks/${key}`)).json<Record<string, unknown>>();
      assert.deepEqual([v1.status, v1.started], ['started', true]);
      assert.deepEqual([v2.status, v2.started], ['new', true]);
    });

    test('another project is refused (403, empty, CORS); unknown checks are 404 (empty)', async () => {
      const theirs = await makeCheck(h.deps, other);
      const forbidden = await get(`/api/v3/checks/${theirs.code}`);
      assert.equal(forbidden.statusCode, 403);
      assert.equal(forbidden.body, '');
      assert.equal(forbidden.headers['access-control-allow-origin'], '*');
      const byKey = await get(`/api/v3/checks/${uniqueKey(theirs.code)}`);
      assert.equal(byKey.statusCode, 404, "another project's unique key is not found");
      assert.equal(byKey.headers['access-control-allow-origin'], '*');
      const unknown = await get('/api/v3/checks/07c2f548-9850-4b27-af5d-6c9dc157ec02');
      assert.deepEqual([unknown.statusCode, unknown.body, unknown.headers['access-control-allow-origin']], [404, '', undefined]);
      assert.equal((await get('/api/v3/checks/not-a-uuid')).statusCode, 404);
      assert.equal((await get(`/api/v3/checks/${theirs.code}/`)).statusCode, 404, 'no trailing slash on a check');
    });

    test('keys: missing, short, unknown and another project’s (items 53–58)', async () => {
      const cases: Array<[string | null, number, string | null]> = [
        [null, 401, 'missing api key'],
        ['', 401, 'missing api key'],
        ['x'.repeat(31), 401, 'missing api key'],
        ['W'.repeat(32), 401, 'wrong api key'],
        [`hcw_${'X'.repeat(28)}`, 401, 'wrong api key'],
        [other.api_key, 200, null],
        [own.api_key_readonly, 200, null],
      ];
      for (const [key, status, error] of cases) {
        const res = await get('/api/v3/checks/', key);
        assert.equal(res.statusCode, status, String(key));
        if (error) assert.deepEqual(res.json(), { error });
        assert.equal(res.headers['access-control-allow-origin'], '*');
      }
    });

    test('the list holds only the project’s checks, filtered by whole tags and slug (items 125–128)', async () => {
      const h2 = await makeHarness(dialect);
      try {
        const p = await makeProject(h2.deps);
        const a1 = await makeCheck(h2.deps, p, { name: 'a1', slug: 'alice-1', tags: 'a1-tag a1-additional-tag' });
        const a2 = await makeCheck(h2.deps, p, { name: 'a2', slug: 'alice-2', tags: 'a2-tag' });
        await makeCheck(h2.deps, await makeProject(h2.deps, 'not mine'), { name: 'theirs', tags: 'a2-tag' });
        const names = async (query: string) =>
          (await h2.app.inject({ url: `/api/v1/checks/${query}`, headers: { 'x-api-key': p.api_key } }))
            .json<{ checks: Array<{ name: string }> }>()
            .checks.map((c) => c.name);
        assert.deepEqual(await names(''), [a1.name, a2.name]);
        assert.deepEqual(await names('?tag=a2-tag'), ['a2']);
        assert.deepEqual(await names('?tag=a1-tag&tag=a1-additional-tag'), ['a1']);
        assert.deepEqual(await names('?tag=a1-tag&tag=a2-tag'), []);
        assert.deepEqual(await names('?tag=tag'), []);
        assert.deepEqual(await names('?slug=alice-1'), ['a1']);
        assert.deepEqual(await names('?slug='), ['a1', 'a2']);
      } finally {
        await h2.close();
      }
    });

    test('collection paths answer with and without the trailing slash; bodies on GET are ignored', async () => {
      for (const url of ['/api/v1/checks', '/api/v2/checks/', '/api/v3/checks'])
        assert.equal((await get(url)).statusCode, 200, url);
      const withBody = await h.app.inject({
        method: 'GET',
        url: '/api/v3/checks/',
        headers: { 'x-api-key': own.api_key, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'null',
      });
      assert.equal(withBody.statusCode, 200);
    });

    test('OPTIONS is 204 with the allowed methods; HEAD and POST on read-only paths are 405', async () => {
      const check = await makeCheck(h.deps, own);
      const options = await get(`/api/v1/checks/${uniqueKey(check.code)}`, null, 'OPTIONS');
      assert.equal(options.statusCode, 204);
      assert.match(String(options.headers['access-control-allow-methods']), /GET/);
      assert.equal(options.headers['access-control-max-age'], '600');
      assert.equal((await get(`/api/v1/checks/${uniqueKey(check.code)}`, own.api_key, 'POST')).statusCode, 405);
      assert.equal((await get('/api/v1/checks/', own.api_key, 'HEAD')).statusCode, 405);
    });
  });
}

for (const dialect of testDialects()) {
  describe(`API: listing badges (${dialect})`, () => {
    test('one entry per tag plus *, for read-write and read-only keys (spec §4.18)', async () => {
      const h = await makeHarness(dialect, { MASTER_BADGE_LABEL: 'Ops' });
      try {
        const project = await makeProject(h.deps);
        await makeCheck(h.deps, project, { tags: 'foo bar' });
        await makeCheck(h.deps, project, { tags: 'foo' });
        for (const key of [project.api_key, project.api_key_readonly]) {
          const res = await h.app.inject({ url: '/api/v3/badges', headers: { 'x-api-key': key } });
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['access-control-allow-origin'], '*');
          const badges = res.json<{ badges: Record<string, Record<string, string>> }>().badges;
          assert.deepEqual(Object.keys(badges).sort(), ['*', 'bar', 'foo']);
          assert.deepEqual(Object.keys(badges.foo!).sort(), ['json', 'json3', 'shields', 'shields3', 'svg', 'svg3']);
          assert.match(badges.foo!.svg!, /^http:\/\/localhost:8000\/badge\/[^/]+\/[^/]+-2\/foo\.svg$/);
          const svg = await h.app.inject({ url: badges['*']!.svg!.replace('http://localhost:8000', '') });
          assert.equal(svg.statusCode, 200);
          assert.match(svg.body, />Ops</, 'the * badge carries MASTER_BADGE_LABEL');
        }
        assert.equal(
          (await h.app.inject({ method: 'POST', url: '/api/v3/badges/', headers: { 'x-api-key': project.api_key } })).statusCode,
          405,
        );
        assert.deepEqual((await h.app.inject({ url: '/api/v3/badges/' })).json(), { error: 'missing api key' });
      } finally {
        await h.close();
      }
    });
  });
}

test('unknown API paths are an empty 404, as in Healthchecks (sqlite)', async () => {
  const h = await makeHarness('sqlite');
  try {
    const res = await h.app.inject({ url: '/api/v3/checks/07c2f548-9850-4b27-af5d-6c9dc157ec02/pings/1/body/' });
    assert.deepEqual([res.statusCode, res.body], [404, '']);
    assert.deepEqual([(await h.app.inject({ url: '/api/v3/nothing-here' })).body], ['']);
  } finally {
    await h.close();
  }
});
