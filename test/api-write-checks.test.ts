import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, reload, type TestProject } from './support/factories.js';
import { makeHarness, T0, type Harness } from './support/harness.js';

type Json = Record<string, unknown>;

for (const dialect of testDialects()) {
  describe(`API: creating and updating checks (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'POST', url, payload: typeof body === 'string' ? body : JSON.stringify(body), headers });
    const create = (body: Json, v = 3) => post(`/api/v${v}/checks/`, { api_key: project.api_key, ...body });
    const checkCount = async () =>
      Number(
        (
          await h.deps.store.db
            .selectFrom('checks')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const addChannel = async (name: string, code: string) => {
      const row = await h.deps.store.db
        .insertInto('channels')
        .values({ code, name, project_id: project.projectId, kind: 'email', created_at: T0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    };
    const assignedChannels = async (checkCode: string) => {
      const check = await reload(h.deps, checkCode);
      const rows = await h.deps.store.db
        .selectFrom('checks_channels')
        .select('channel_id')
        .where('check_id', '=', check.id)
        .execute();
      return rows.map((r) => Number(r.channel_id)).sort((a, b) => a - b);
    };

    test('creates a check with every field (item 59); v1 derives the slug from the name', async () => {
      const res = await create(
        {
          name: 'Foo',
          tags: 'bar,baz',
          desc: 'description goes here',
          timeout: 3600,
          grace: 60,
          start_kw: 'START',
          success_kw: 'SUCCESS',
          failure_kw: 'FAILURE',
          filter_subject: true,
          filter_body: true,
          filter_http_body: true,
          filter_default_fail: true,
        },
        1,
      );
      assert.equal(res.statusCode, 201);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      const json = res.json<Json>();
      assert.deepEqual(
        [json.slug, json.tags, json.last_ping, json.n_pings, json.methods, json.timeout, json.grace, json.filter_default_fail],
        ['foo', 'bar,baz', null, 0, '', 3600, 60, true],
      );
      assert.equal('schedule' in json, false);
      assert.match(String(json.ping_url), /\/ping\/[0-9a-f-]{36}$/);
    });

    test('{} creates a check with the defaults (item 89); the key may come from the header (item 63)', async () => {
      const res = await post('/api/v3/checks/', {}, { 'x-api-key': project.api_key });
      assert.equal(res.statusCode, 201);
      assert.deepEqual([res.json<Json>().timeout, res.json<Json>().grace, res.json<Json>().slug], [86400, 3600, '']);
      const empty = await h.app.inject({ method: 'POST', url: '/api/v3/checks', headers: { 'x-api-key': project.api_key } });
      assert.equal(empty.statusCode, 201, 'an empty body is {}');
    });

    test('cron and OnCalendar schedules make cron/oncalendar checks without a timeout (items 83, 88, 207)', async () => {
      const cron = (await create({ schedule: '5 * * * *', tz: 'Europe/Riga', grace: 60, timeout: 300 })).json<Json>();
      assert.deepEqual([cron.schedule, cron.tz, cron.grace, 'timeout' in cron], ['5 * * * *', 'Europe/Riga', 60, false]);
      const onc = (await create({ schedule: '12:34', tz: 'Europe/Riga', grace: 60 })).json<Json>();
      assert.deepEqual([onc.schedule, 'timeout' in onc], ['12:34', false]);
    });

    test('legacy time zone names are mapped (item 87)', async () => {
      for (const [given, stored] of [
        ['Europe/Kiev', 'Europe/Kyiv'],
        ['UCT', 'Etc/UTC'],
        ['CET', 'Europe/Brussels'],
      ]) {
        assert.equal((await create({ schedule: '0 * * * *', tz: given })).json<Json>().tz, stored);
      }
    });

    test('every validation error has Healthchecks’ text and creates nothing (items 60, 77–100, 206)', async () => {
      const before = await checkCount();
      const cases: Array<[unknown, string]> = [
        ['this is not json', 'could not parse request body'],
        ['[1,2,3]', 'json validation error: value is not an object'],
        ['123', 'json validation error: value is not an object'],
        [{ timeout: 0 }, 'json validation error: timeout is too small'],
        [{ timeout: 31536001 }, 'json validation error: timeout is too large'],
        [{ timeout: 1e30 }, 'json validation error: timeout is not a number'],
        [{ timeout: '99999999999999999999999999999999' }, 'json validation error: timeout is not a number'],
        [{ timeout: 'oops' }, 'json validation error: timeout is not a number'],
        [{ timeout: true }, 'json validation error: timeout is too small'],
        [{ name: false }, 'json validation error: name is not a string'],
        [{ name: 'x'.repeat(220) }, 'json validation error: name is too long'],
        [{ name: 'Foo', unique: ['status'] }, "json validation error: an item in 'unique' has unexpected value"],
        [{ unique: 'not a list' }, 'json validation error: unique is not an array'],
        [{ schedule: 'bad-expression' }, 'json validation error: schedule is not a valid cron or OnCalendar expression'],
        [{ schedule: '* * * * * *' }, 'json validation error: schedule is not a valid cron or OnCalendar expression'],
        [{ schedule: '12:34\nsurprise' }, 'json validation error: schedule is not a valid cron or OnCalendar expression'],
        [{ schedule: `${'1,'.repeat(100)}1 * * * *` }, 'json validation error: schedule is too long'],
        [{ tz: 'not-a-timezone' }, 'json validation error: tz is not a valid timezone'],
        [{ manual_resume: 'surprise' }, 'json validation error: manual_resume is not a boolean'],
        [{ filter_body: 'surprise' }, 'json validation error: filter_body is not a boolean'],
        [{ methods: 'bad-value' }, 'json validation error: methods has unexpected value'],
        [{ subject: 'x'.repeat(201) }, 'json validation error: subject is too long'],
        [{ subject_fail: false }, 'json validation error: subject_fail is not a string'],
        [{ slug: 'Uppercase' }, 'json validation error: slug does not match pattern'],
        [{ slug: 'look spaces' }, 'json validation error: slug does not match pattern'],
        [{ slug: 'x'.repeat(101) }, 'json validation error: slug is too long'],
        [{ channels: 123 }, 'json validation error: channels is not a string'],
        [{ channels: ',' }, 'empty channel identifier'],
        [{ channels: 'abc' }, 'invalid channel identifier: abc'],
        [{ timeout: 10, name: 5 }, 'json validation error: name is not a string'],
      ];
      for (const field of ['channels', 'timeout', 'grace', 'name', 'schedule', 'subject', 'subject_fail', 'unique']) {
        cases.push([{ [field]: null }, `json validation error: ${field} is not a`]);
      }
      for (const [body, error] of cases) {
        const payload = typeof body === 'string' ? body : JSON.stringify({ ...(body as Json) });
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v3/checks/',
          payload,
          headers: { 'x-api-key': project.api_key },
        });
        assert.equal(res.statusCode, 400, payload);
        assert.ok(res.json<{ error: string }>().error.startsWith(error), `${payload}: ${res.body}`);
      }
      const float = await h.app.inject({
        method: 'POST',
        url: '/api/v3/checks/',
        payload: '{"timeout": 3600.0}',
        headers: { 'x-api-key': project.api_key },
      });
      assert.deepEqual(float.json(), { error: 'json validation error: timeout is not a number' });
      assert.equal(await checkCount(), before);
    });

    test('keys on writes: none, wrong, read-only in the body, and an empty header winning (items 76, 79, 91, 205)', async () => {
      assert.deepEqual((await post('/api/v3/checks/', '')).json(), { error: 'missing api key' });
      assert.deepEqual((await post('/api/v3/checks/', { api_key: 'Y'.repeat(32) })).json(), { error: 'wrong api key' });
      assert.equal((await post('/api/v3/checks/', { api_key: project.api_key_readonly })).statusCode, 401);
      const emptyHeader = await post('/api/v3/checks/', { api_key: project.api_key }, { 'x-api-key': '' });
      assert.deepEqual(emptyHeader.json(), { error: 'missing api key' });
    });

    test('channels: "*", by name, a UUID-looking name, non-unique names (items 64–69)', async () => {
      const h2 = await makeHarness(dialect);
      try {
        const p = await makeProject(h2.deps);
        const add = async (name: string, code: string) =>
          Number(
            (
              await h2.deps.store.db
                .insertInto('channels')
                .values({ code, name, project_id: p.projectId, kind: 'email', created_at: T0 })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id,
          );
        const alerts = await add('alerts', '11111111-0000-4000-8000-000000000001');
        const uuidNamed = await add('102eaa82-a274-4b15-a499-c1bb6bbcd7b6', '11111111-0000-4000-8000-000000000002');
        await add('foo', '11111111-0000-4000-8000-000000000003');
        await add('foo', '11111111-0000-4000-8000-000000000004');
        const mk = (channels: string) =>
          h2.app.inject({
            method: 'POST',
            url: '/api/v3/checks/',
            payload: JSON.stringify({ channels }),
            headers: { 'x-api-key': p.api_key },
          });
        const assigned = async (code: string) =>
          (
            await h2.deps.store.db
              .selectFrom('checks_channels')
              .innerJoin('checks', 'checks.id', 'checks_channels.check_id')
              .select('channel_id')
              .where('checks.code', '=', code)
              .execute()
          )
            .map((r) => Number(r.channel_id))
            .sort((a, b) => a - b);
        const all = await mk('*');
        assert.equal(all.statusCode, 201);
        assert.equal((await assigned(all.json<Json>().uuid as string)).length, 4);
        assert.deepEqual(await assigned((await mk('alerts')).json<Json>().uuid as string), [alerts]);
        assert.deepEqual(await assigned((await mk('102eaa82-a274-4b15-a499-c1bb6bbcd7b6')).json<Json>().uuid as string), [
          uuidNamed,
        ]);
        assert.deepEqual((await mk('foo')).json(), { error: 'non-unique channel identifier: foo' });
      } finally {
        await h2.close();
      }
    });

    test('unique upserts the oldest match (200) or creates (201) (items 71–75, 208)', async () => {
      const first = (await create({ name: 'Upsert me' })).json<Json>();
      await create({ name: 'Upsert me' });
      const up = await create({ name: 'Upsert me', tags: 'bar', unique: ['name'] });
      assert.equal(up.statusCode, 200);
      assert.equal(up.json<Json>().uuid, first.uuid, 'the oldest match');
      assert.equal(up.json<Json>().tags, 'bar');
      assert.equal((await create({ tags: 'x', unique: ['name'] })).statusCode, 201, 'name absent: create');
      const slugged = (await create({ slug: 'upsert-slug' })).json<Json>();
      const bySlug = await create({ slug: 'upsert-slug', tags: 'bar', unique: ['slug'] });
      assert.deepEqual([bySlug.statusCode, bySlug.json<Json>().uuid], [200, slugged.uuid]);
      const timed = (await create({ timeout: 123 * 60, name: 'timed' })).json<Json>();
      const byTimeout = await create({ timeout: 123 * 60, unique: ['timeout'], desc: 'found' });
      assert.deepEqual([byTimeout.statusCode, byTimeout.json<Json>().uuid], [200, timed.uuid]);
      assert.equal((await create({ name: 'Hello', unique: [] })).statusCode, 201);
    });

    test('the check limit refuses a new check with an empty 403 (item 90)', async () => {
      await h.deps.store.db.updateTable('users').set({ check_limit: 0 }).execute();
      try {
        const res = await create({});
        assert.deepEqual([res.statusCode, res.body], [403, '']);
      } finally {
        await h.deps.store.db.updateTable('users').set({ check_limit: null }).execute();
      }
    });

    test('v3 never derives the slug; explicit slugs win everywhere (items 99, 118)', async () => {
      assert.equal((await create({ name: 'Foo', slug: 'custom-slug' })).json<Json>().slug, 'custom-slug');
      assert.equal((await create({ name: 'Foo' })).json<Json>().slug, '');
      assert.equal((await create({ name: 'Alice 1', slug: 'explicit' }, 2)).json<Json>().slug, 'explicit');
      assert.equal((await create({ name: 'Alice 1' }, 2)).json<Json>().slug, 'alice-1');
    });

    test('deprecated subject fields set keywords and filter_subject (items 96, 114, 116)', async () => {
      const a = (await create({ subject: 'SUCCESS,COMPLETE' })).json<Json>();
      assert.deepEqual([a.filter_subject, a.success_kw], [true, 'SUCCESS,COMPLETE']);
      const b = (await create({ subject_fail: 'FAILED,FAILURE' })).json<Json>();
      assert.deepEqual([b.filter_subject, b.failure_kw], [true, 'FAILED,FAILURE']);
      const c = (await create({ subject: 'SUCCESS', filter_subject: false })).json<Json>();
      assert.deepEqual([c.filter_subject, c.success_kw], [false, 'SUCCESS']);
      const cleared = await post(String(a.update_url).replace('http://localhost:8000', ''), {
        api_key: project.api_key,
        subject: '',
      });
      assert.deepEqual([cleared.json<Json>().filter_subject, cleared.json<Json>().success_kw], [false, '']);
    });

    describe('updating', () => {
      const update = (code: string, body: Json, v = 1) =>
        post(`/api/v${v}/checks/${code}`, { api_key: project.api_key, ...body });

      test('changes only the given fields and recomputes alert_after (item 101)', async () => {
        const check = await makeCheck(h.deps, project, {
          status: 'up',
          last_ping_at: h.clock.now(),
          methods: 'POST',
          description: 'keep',
        });
        const res = await update(check.code, { name: 'Foo', tags: 'a b', timeout: 3600, grace: 60, filter_http_body: true });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['access-control-allow-origin'], '*');
        const after = await reload(h.deps, check.code);
        assert.deepEqual(
          [after.slug, after.tags, after.desc, after.methods, after.filterHttpBody],
          ['foo', 'a b', 'keep', 'POST', true],
        );
        assert.equal(after.alertAfter, h.clock.now() + 3_660_000);
        assert.equal((await update(check.code, { methods: '' })).json<Json>().methods, '');
      });

      test('a timeout makes a cron check simple; a schedule makes it OnCalendar (item 105)', async () => {
        const check = await makeCheck(h.deps, project, { kind: 'cron', schedule: '0 * * * *' });
        assert.equal((await update(check.code, { timeout: 3600 })).json<Json>().timeout, 3600);
        assert.equal((await reload(h.deps, check.code)).kind, 'simple');
        await update(check.code, { schedule: '12:34' });
        const after = await reload(h.deps, check.code);
        assert.deepEqual([after.kind, after.schedule], ['oncalendar', '12:34']);
      });

      test('channels on update: replaced, deduplicated, cleared, untouched when absent (items 103, 106–109)', async () => {
        const a = await addChannel('upd-a', '22222222-0000-4000-8000-00000000000a');
        const b = await addChannel('upd-b', '22222222-0000-4000-8000-00000000000b');
        const check = await makeCheck(h.deps, project);
        await update(check.code, { channels: '22222222-0000-4000-8000-00000000000a,22222222-0000-4000-8000-00000000000a' });
        assert.deepEqual(await assignedChannels(check.code), [a]);
        await update(check.code, { channels: 'upd-a,upd-b' });
        assert.deepEqual(await assignedChannels(check.code), [a, b]);
        await update(check.code, { name: 'no channel change' });
        assert.deepEqual(await assignedChannels(check.code), [a, b]);
        const bad = await update(check.code, { channels: 'abc', name: 'New Name' });
        assert.deepEqual(bad.json(), { error: 'invalid channel identifier: abc' });
        assert.equal((await reload(h.deps, check.code)).name, 'no channel change', 'nothing changed');
        await update(check.code, { channels: '' });
        assert.deepEqual(await assignedChannels(check.code), []);
      });

      test('an invalid schedule leaves the stored one alone (item 111)', async () => {
        const check = await makeCheck(h.deps, project, { kind: 'cron', schedule: '0 * * * *' });
        for (const schedule of ['* invalid *', '1,2 61 * * *', '0 0 31 2 *', 'Surprise 12:34', '12:34 Europe/surprise']) {
          assert.equal((await update(check.code, { schedule })).statusCode, 400, schedule);
        }
        assert.equal((await reload(h.deps, check.code)).schedule, '0 * * * *');
      });

      test('unknown, malformed and foreign checks; read-only keys (items 104, 112)', async () => {
        const theirs = await makeCheck(h.deps, await makeProject(h.deps, 'theirs'));
        assert.equal((await update('07c2f548-9850-4b27-af5d-6c9dc157ec02', { name: 'x' })).statusCode, 404);
        assert.equal((await update('not-an-uuid', { name: 'x' })).statusCode, 404);
        assert.equal((await update(theirs.code, { name: 'x' })).statusCode, 403);
        const mine = await makeCheck(h.deps, project);
        const ro = await post(`/api/v3/checks/${mine.code}`, { api_key: project.api_key_readonly, name: 'x' });
        assert.equal(ro.statusCode, 401);
      });

      test('a running check reports started in v1 and keeps its status in v2 (item 117)', async () => {
        const check = await makeCheck(h.deps, project, { last_start_at: h.clock.now() });
        assert.deepEqual(
          [(await update(check.code, {}, 1)).json<Json>().status, (await update(check.code, {}, 2)).json<Json>().status],
          ['started', 'new'],
        );
      });

      test('OPTIONS lists GET and POST on a check (item 102)', async () => {
        const check = await makeCheck(h.deps, project);
        const res = await h.app.inject({ method: 'OPTIONS', url: `/api/v1/checks/${check.code}` });
        assert.equal(res.statusCode, 204);
        assert.match(String(res.headers['access-control-allow-methods']), /POST/);
      });
    });
  });
}
