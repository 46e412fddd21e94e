import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { uniqueKey } from '../src/domain/unique-key.js';
import { installErrorMapper } from '../src/http/error-mapper.js';
import { metricsRoutes, type MetricsRouteOptions } from '../src/http/metrics-routes.js';
import { newUuid } from '../src/lib/ids.js';
import { testDialects } from './support/databases.js';
import { makeCheck, makeProject, type CheckFields, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const MIN = 60_000;

/** The sample lines of one metric family. */
const samples = (body: string, metric: string) => body.split('\n').filter((line) => line.startsWith(`${metric}{`));

for (const dialect of testDialects()) {
  describe(`Prometheus metrics over HTTP (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps, 'Alice');
    });
    after(() => h.close());

    const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });
    const metricsOf = (p: TestProject) => get(`/projects/${p.id}/metrics/${p.api_key_readonly}`);
    const checkIn = (p: TestProject, fields: CheckFields) =>
      makeCheck(h.deps, p, { status: 'up', last_ping_at: h.clock.now(), ...fields });

    /** The app's routes with other options, as config would set them. */
    async function appWith(options: MetricsRouteOptions): Promise<FastifyInstance> {
      const app = Fastify();
      installErrorMapper(app);
      app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
      await app.register(metricsRoutes(h.deps, options));
      return app;
    }

    test("a read-only key in the path gets the project's metrics as Healthchecks writes them (item 187)", async () => {
      const p = await makeProject(h.deps);
      const check = await checkIn(p, { name: 'Alice Was Here', tags: 'foo' });
      const res = await metricsOf(p);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain(;|$)/);
      const labels = `name="Alice Was Here", tags="foo", unique_key="${uniqueKey(check.code)}"`;
      assert.equal(
        res.body,
        [
          '# HELP hc_check_up Whether the check is currently up (1 for yes, 0 for no).',
          '# TYPE hc_check_up gauge',
          `hc_check_up{${labels}} 1`,
          '',
          '# HELP hc_check_started Whether the check is currently started (1 for yes, 0 for no).',
          '# TYPE hc_check_started gauge',
          `hc_check_started{${labels}} 0`,
          '',
          '# HELP hc_check_grace Whether the check is currently in the grace period (1 for yes, 0 for no).',
          '# TYPE hc_check_grace gauge',
          `hc_check_grace{${labels}} 0`,
          '',
          '# HELP hc_check_paused Whether the check is currently paused (1 for yes, 0 for no).',
          '# TYPE hc_check_paused gauge',
          `hc_check_paused{${labels}} 0`,
          '',
          '# HELP hc_tag_up Whether all checks with this tag are up (1 for yes, 0 for no).',
          '# TYPE hc_tag_up gauge',
          'hc_tag_up{tag="foo"} 1',
          '',
          '# HELP hc_checks_total The total number of checks.',
          '# TYPE hc_checks_total gauge',
          'hc_checks_total 1',
          '',
          '# HELP hc_checks_down_total The number of checks currently down.',
          '# TYPE hc_checks_down_total gauge',
          'hc_checks_down_total 0',
          '',
        ].join('\n'),
      );
    });

    test('checks are listed in creation order, and only those of the key’s project', async () => {
      const p = await makeProject(h.deps);
      const other = await makeProject(h.deps);
      await checkIn(other, { name: 'not mine' });
      for (const name of ['first', 'second', 'third']) await checkIn(p, { name });
      const body = (await metricsOf(p)).body;
      assert.deepEqual(
        samples(body, 'hc_check_up').map((line) => /name="([^"]*)"/.exec(line)![1]),
        ['first', 'second', 'third'],
      );
      assert.ok(body.includes('hc_checks_total 3\n'));
      assert.ok(!body.includes('not mine'));
    });

    test('every status combination sets up, started, grace and paused as spec item 191 says', async () => {
      const now = h.clock.now();
      const p = await makeProject(h.deps);
      const cases: Array<[string, CheckFields, string]> = [
        ['new', { status: 'new', last_ping_at: null }, '1 0 0 0'],
        ['running', { last_start_at: now - MIN }, '1 1 0 0'],
        ['paused', { status: 'paused' }, '1 0 0 1'],
        ['grace', { last_ping_at: now - 15 * MIN, timeout_seconds: 600, grace_seconds: 600 }, '1 0 1 0'],
        ['late', { last_ping_at: now - 25 * MIN, timeout_seconds: 600, grace_seconds: 600 }, '0 0 0 0'],
        ['down', { status: 'down' }, '0 0 0 0'],
        ['overran', { last_start_at: now - 11 * MIN, grace_seconds: 600 }, '0 1 0 0'],
      ];
      for (const [name, fields] of cases) await checkIn(p, { name, ...fields });
      const body = (await metricsOf(p)).body;
      const value = (metric: string, name: string) =>
        samples(body, metric)
          .find((line) => line.includes(`name="${name}"`))!
          .split(' ')
          .at(-1);
      for (const [name, , expected] of cases) {
        const actual = ['hc_check_up', 'hc_check_started', 'hc_check_grace', 'hc_check_paused'].map((m) => value(m, name));
        assert.equal(actual.join(' '), expected, name);
      }
      assert.ok(body.includes('hc_checks_total 7\n'));
      assert.ok(body.endsWith('hc_checks_down_total 3\n'));
    });

    test('a tag is down when any of its checks is down, up through grace and pause; tags distinct and sorted', async () => {
      const p = await makeProject(h.deps);
      await checkIn(p, { tags: 'web db', last_ping_at: h.clock.now() - 24.5 * 60 * MIN, timeout_seconds: 86_400 });
      await checkIn(p, { tags: 'db  ops', status: 'down' });
      await checkIn(p, { tags: 'web', status: 'paused' });
      assert.deepEqual(samples((await metricsOf(p)).body, 'hc_tag_up'), [
        'hc_tag_up{tag="db"} 0',
        'hc_tag_up{tag="ops"} 0',
        'hc_tag_up{tag="web"} 1',
      ]);
    });

    test('names and tags are escaped in labels (item 190)', async () => {
      const p = await makeProject(h.deps);
      const check = await checkIn(p, { name: 'Line 1\nLine2 "x"', tags: 'A\\C' });
      const body = (await metricsOf(p)).body;
      assert.ok(
        body.includes(`hc_check_up{name="Line 1\\nLine2 \\"x\\"", tags="A\\\\C", unique_key="${uniqueKey(check.code)}"} 1\n`),
        body,
      );
      assert.ok(body.includes('hc_tag_up{tag="A\\\\C"} 1\n'));
      assert.ok(!body.includes(check.code), 'the check UUID never appears');
    });

    test('the project UUID in the path is ignored: the key alone selects the project (item 210)', async () => {
      const p = await makeProject(h.deps);
      const other = await makeProject(h.deps);
      await checkIn(p, { name: 'mine' });
      for (const code of [other.id, newUuid()]) {
        const res = await get(`/projects/${code}/metrics/${p.api_key_readonly}`);
        assert.equal(res.statusCode, 200);
        assert.ok(res.body.includes('name="mine"'));
      }
    });

    test('the legacy /checks/metrics/ path answers like the current one', async () => {
      const res = await get(`/projects/${project.id}/checks/metrics/${project.api_key_readonly}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.startsWith('# HELP hc_check_up '));
    });

    test('a read-write key, an unknown key and a wrong-length key are refused (item 188)', async () => {
      const base = `/projects/${project.id}`;
      assert.equal((await get(`${base}/metrics/${project.api_key}`)).statusCode, 403);
      assert.equal((await get(`${base}/metrics/${'X'.repeat(32)}`)).statusCode, 403);
      assert.equal((await get(`${base}/checks/metrics/${'X'.repeat(32)}`)).statusCode, 403);
      assert.equal((await get(`${base}/metrics/${'hcr_'.padEnd(32, 'Z')}`)).statusCode, 403);
      assert.equal((await get(`${base}/metrics/${project.api_key_readonly}X`)).statusCode, 400);
      assert.equal((await get(`${base}/metrics/${project.api_key_readonly.slice(1)}`)).statusCode, 400);
      assert.equal((await get(`${base}/checks/metrics/short`)).statusCode, 400);
    });

    test('a Bearer header carries the key on /metrics/ (item 189)', async () => {
      const base = `/projects/${project.id}/metrics`;
      const bearer = (value: string) => ({ authorization: value });
      for (const url of [`${base}/`, base]) {
        assert.equal((await get(url)).statusCode, 401, url);
        assert.equal((await get(url, bearer(`Bearer ${project.api_key_readonly}`))).statusCode, 200, url);
      }
      assert.equal((await get(`${base}/`, bearer(`bearer ${project.api_key_readonly}`))).statusCode, 401);
      assert.equal((await get(`${base}/`, bearer(`Basic ${project.api_key_readonly}`))).statusCode, 401);
      assert.equal((await get(`${base}/`, bearer(project.api_key_readonly))).statusCode, 401);
      // Only the literal "Bearer " goes: a second space stays part of a 33-character key.
      assert.equal((await get(`${base}/`, bearer(`Bearer  ${project.api_key_readonly}`))).statusCode, 400);
      assert.equal((await get(`${base}/`, bearer(`Bearer ${project.api_key}`))).statusCode, 403);
      assert.equal((await get(`${base}/`, bearer(`Bearer ${'B'.repeat(32)}`))).statusCode, 403);
    });

    test('malformed paths are not found, never a server error', async () => {
      const key = project.api_key_readonly;
      for (const url of [
        `/projects/not-a-uuid/metrics/${key}`,
        `/projects/${project.id.toUpperCase()}/metrics/${key}`,
        `/projects/${project.id}/metrics/${key}/`,
        `/projects/${project.id}/metrics/${key.slice(0, 31)}.`,
        `/projects/${project.id}/metrics/${key.slice(0, 30)}%20%20`,
        `/projects/not-a-uuid/metrics/`,
      ]) {
        assert.equal((await get(url, { authorization: `Bearer ${key}` })).statusCode, 404, url);
      }
    });

    test('HEAD answers like GET without a body; other methods are not routed', async () => {
      const url = `/projects/${project.id}/metrics/${project.api_key_readonly}`;
      const head = await h.app.inject({ method: 'HEAD', url });
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
      assert.equal((await h.app.inject({ method: 'POST', url })).statusCode, 404);
    });

    test('routes follow the SITE_ROOT sub-path', async () => {
      const sub = await makeHarness(dialect, { SITE_ROOT: 'http://localhost:8000/hc' });
      try {
        const p = await makeProject(sub.deps);
        const url = `/projects/${p.id}/metrics/${p.api_key_readonly}`;
        assert.equal((await sub.app.inject({ method: 'GET', url: `/hc${url}` })).statusCode, 200);
        assert.equal((await sub.app.inject({ method: 'GET', url })).statusCode, 404);
      } finally {
        await sub.close();
      }
    });

    test('with PROMETHEUS_ENABLED off every metrics path is not found (item 188)', async () => {
      const app = await appWith({ prometheusEnabled: false, metricsKey: null });
      try {
        const key = project.api_key_readonly;
        for (const [url, headers] of [
          [`/projects/${project.id}/metrics/${key}`, {}],
          [`/projects/${project.id}/checks/metrics/${key}`, {}],
          [`/projects/${project.id}/metrics/`, { authorization: `Bearer ${key}` }],
        ] as const) {
          assert.equal((await app.inject({ method: 'GET', url, headers })).statusCode, 404, url);
        }
      } finally {
        await app.close();
      }
    });

    describe('internal operational metrics (spec §4.20, item 153)', () => {
      let app: FastifyInstance;
      before(async () => {
        app = await appWith({ prometheusEnabled: true, metricsKey: 'foo' });
      });
      after(() => app.close());

      test('the configured X-Metrics-Key gets ping, notification and flip progress', async () => {
        const check = await makeCheck(h.deps, project);
        assert.equal((await get(`/ping/${check.code}`)).body, 'OK');
        const db = h.deps.store.db;
        const channel = await db
          .insertInto('channels')
          .values({ code: newUuid(), project_id: project.projectId, kind: 'email', created_at: h.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('notifications')
          .values({ code: newUuid(), channel_id: channel.id, check_id: check.id, created_at: h.clock.now() })
          .execute();
        const maxPing = await db
          .selectFrom('pings')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow();
        const maxNotification = await db
          .selectFrom('notifications')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow();
        const unprocessed = await db
          .selectFrom('flips')
          .where('processed_at', 'is', null)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        assert.ok(Number(unprocessed.n) >= 1, 'the ping flipped the check new → up');

        for (const version of ['v1', 'v2', 'v3']) {
          for (const url of [`/api/${version}/metrics/`, `/api/${version}/metrics`]) {
            const res = await app.inject({ method: 'GET', url, headers: { 'x-metrics-key': 'foo' } });
            assert.equal(res.statusCode, 200, url);
            assert.match(String(res.headers['content-type']), /^application\/json/);
            assert.deepEqual(
              res.json(),
              {
                ts: Math.floor(h.clock.now() / 1000),
                max_ping_id: Number(maxPing.m),
                max_notification_id: Number(maxNotification.m),
                num_unprocessed_flips: Number(unprocessed.n),
              },
              url,
            );
            assert.deepEqual(Object.keys(res.json<object>()), [
              'ts',
              'max_ping_id',
              'max_notification_id',
              'num_unprocessed_flips',
            ]);
          }
        }
      });

      test('any method is answered and a body is ignored', async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/metrics/',
          headers: { 'x-metrics-key': 'foo', 'content-type': 'application/json' },
          payload: '{not json',
        });
        assert.equal(res.statusCode, 200);
      });

      test('a missing or wrong key is forbidden, and so is every key when none is configured', async () => {
        assert.equal((await app.inject({ method: 'GET', url: '/api/v1/metrics/' })).statusCode, 403);
        assert.equal(
          (await app.inject({ method: 'GET', url: '/api/v1/metrics/', headers: { 'x-metrics-key': 'bar' } })).statusCode,
          403,
        );
        assert.equal(
          (await app.inject({ method: 'GET', url: '/api/v1/metrics/', headers: { 'x-metrics-key': 'fooo' } })).statusCode,
          403,
        );
        for (const metricsKey of [null, '']) {
          const unset = await appWith({ prometheusEnabled: true, metricsKey });
          try {
            for (const key of ['foo', '']) {
              const res = await unset.inject({ method: 'GET', url: '/api/v1/metrics/', headers: { 'x-metrics-key': key } });
              assert.equal(res.statusCode, 403, `configured ${String(metricsKey)}, sent "${key}"`);
            }
          } finally {
            await unset.close();
          }
        }
        // The real app, until config wires METRICS_KEY, behaves as "unset".
        assert.equal((await get('/api/v2/metrics/', { 'x-metrics-key': 'foo' })).statusCode, 403);
      });

      test('an unknown API version is not found', async () => {
        const res = await app.inject({ method: 'GET', url: '/api/v4/metrics/', headers: { 'x-metrics-key': 'foo' } });
        assert.equal(res.statusCode, 404);
      });
    });
  });
}

describe('metrics settings from the environment (sqlite)', () => {
  test('PROMETHEUS_ENABLED=False hides the project endpoint; METRICS_KEY opens /api/v3/metrics/', async () => {
    const h = await makeHarness('sqlite', { PROMETHEUS_ENABLED: 'False', METRICS_KEY: 'operator-metrics-key' });
    try {
      const project = await makeProject(h.deps);
      const hidden = await h.app.inject({ url: `/projects/${project.id}/metrics/${project.api_key_readonly}` });
      assert.equal(hidden.statusCode, 404);
      const internal = await h.app.inject({ url: '/api/v3/metrics/', headers: { 'x-metrics-key': 'operator-metrics-key' } });
      assert.equal(internal.statusCode, 200);
      assert.deepEqual(Object.keys(internal.json<object>()), [
        'ts',
        'max_ping_id',
        'max_notification_id',
        'num_unprocessed_flips',
      ]);
      assert.equal((await h.app.inject({ url: '/api/v3/metrics/', headers: { 'x-metrics-key': 'wrong' } })).statusCode, 403);
    } finally {
      await h.close();
    }
  });
});

test('a POST to /api/vN/metrics/ with an empty or malformed Content-Type is answered, not refused (415)', async () => {
  const h = await makeHarness('sqlite', { METRICS_KEY: 'operator-metrics-key' });
  try {
    for (const contentType of ['', ';;;', 'application/json']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v3/metrics/',
        headers: { 'content-type': contentType, 'x-metrics-key': 'operator-metrics-key' },
        payload: '{not json',
      });
      assert.equal(res.statusCode, 200, JSON.stringify(contentType));
    }
  } finally {
    await h.close();
  }
});
