import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from './support/databases.js';
import { flipsOf, makeCheck, makeProject, pingsOf, reload, type TestProject } from './support/factories.js';
import { makeHarness, type Harness } from './support/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const dialect of testDialects()) {
  describe(`ping protocol over HTTP (${dialect})`, () => {
    let h: Harness;
    let project: TestProject;
    before(async () => {
      h = await makeHarness(dialect);
      project = await makeProject(h.deps);
    });
    after(() => h.close());

    const ping = (url: string, init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}) =>
      h.app.inject({ method: (init.method ?? 'GET') as 'GET', url, payload: init.body, headers: init.headers });

    test('a GET ping answers OK and marks a new check up, scheduling alert_after', async () => {
      const check = await makeCheck(h.deps, project);
      const res = await ping(`/ping/${check.code}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, 'OK');
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.equal(res.headers['ping-body-limit'], '10000');
      assert.match(String(res.headers['cache-control']), /no-cache/);
      const after = await reload(h.deps, check.code);
      assert.equal(after.nPings, 1);
      assert.equal(after.status, 'up');
      assert.equal(after.lastPingAt, h.clock.now());
      assert.equal(after.alertAfter, h.clock.now() + DAY + HOUR);
      const [p] = await pingsOf(h.deps, check.id);
      assert.equal(p!.n, 1);
      assert.equal(p!.kind, 'success');
      assert.equal(p!.scheme, 'http');
      assert.equal(p!.created_at, after.lastPingAt);
      assert.equal(p!.exit_status, null);
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status, f.reason]),
        [['new', 'up', '']],
      );
    });

    test('the trailing slash after a UUID is accepted', async () => {
      const check = await makeCheck(h.deps, project);
      assert.equal((await ping(`/ping/${check.code}/`)).body, 'OK');
    });

    test('every method is recorded as a ping with its method, HEAD exactly once', async () => {
      for (const method of ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
        const check = await makeCheck(h.deps, project);
        const res = await ping(`/ping/${check.code}`, { method });
        assert.equal(res.statusCode, 200, method);
        const pings = await pingsOf(h.deps, check.id);
        assert.equal(pings.length, 1, method);
        assert.equal(pings[0]!.method, method);
      }
    });

    test('a POST body is stored raw, whatever its content type', async () => {
      for (const [contentType, body] of [
        ['text/plain', 'hello world'],
        ['application/json', '{not json'],
        ['application/x-www-form-urlencoded', 'a=1&b=2'],
        ['application/octet-stream', Buffer.from([0x48, 0xe9, 0x00, 0xff])],
      ] as const) {
        const check = await makeCheck(h.deps, project);
        const res = await ping(`/ping/${check.code}`, { method: 'POST', body, headers: { 'content-type': contentType } });
        assert.equal(res.statusCode, 200, contentType);
        const [p] = await pingsOf(h.deps, check.id);
        assert.deepEqual(Buffer.from(p!.body!), Buffer.from(body), contentType);
      }
    });

    test('a POST without Content-Type or Content-Length works', async () => {
      const check = await makeCheck(h.deps, project);
      const res = await ping(`/ping/${check.code}`, { method: 'POST', body: 'x', headers: { 'content-type': '' } });
      assert.equal(res.statusCode, 200);
      const empty = await ping(`/ping/${check.code}`, { method: 'POST', headers: { 'content-length': '0' } });
      assert.equal(empty.statusCode, 200);
      const pings = await pingsOf(h.deps, check.id);
      assert.equal(pings[1]!.body, null, 'an empty body counts as no body');
    });

    test('malformed or unknown UUIDs answer 404 not found and record nothing', async () => {
      for (const path of [
        '/ping/not-uuid/',
        '/ping/07c2f54898504b27af5d6c9dc157ec02/',
        '/ping/07c2f548-9850-4b27-af5d-6c9dc157ec02/',
        '/ping/07C2F548-9850-4B27-AF5D-6C9DC157EC02',
        '/ping/',
      ]) {
        const res = await ping(path);
        assert.equal(res.statusCode, 404, path);
        assert.equal(res.body, 'not found', path);
      }
    });

    test('a trailing slash after start, fail, log or an exit status is a 404', async () => {
      const check = await makeCheck(h.deps, project);
      for (const suffix of ['start/', 'fail/', 'log/', '0/', '-1']) {
        assert.equal((await ping(`/ping/${check.code}/${suffix}`)).statusCode, 404, suffix);
      }
      assert.equal((await reload(h.deps, check.code)).nPings, 0);
    });

    test('the User-Agent is stored up to 200 characters', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}`, { headers: { 'user-agent': 'a'.repeat(120) } });
      await ping(`/ping/${check.code}`, { headers: { 'user-agent': 'b'.repeat(330) } });
      const pings = await pingsOf(h.deps, check.id);
      assert.equal(pings[0]!.ua, 'a'.repeat(120));
      assert.equal(pings[1]!.ua, 'b'.repeat(200));
    });

    test('remote_addr comes from X-Forwarded-For as Healthchecks reads it', async () => {
      const cases: Array<[string | undefined, string]> = [
        ['1.1.1.1', '1.1.1.1'],
        ['2001::1', '2001::1'],
        ['1.1.1.1, 2.2.2.2', '1.1.1.1'],
        ['1.1.1.1:1234', '1.1.1.1'],
        ['::ffff:1.1.1.1', '::ffff:1.1.1.1'],
        ['garbage', '127.0.0.1'],
        [undefined, '127.0.0.1'],
      ];
      for (const [header, expected] of cases) {
        const check = await makeCheck(h.deps, project);
        await ping(`/ping/${check.code}`, { headers: header === undefined ? {} : { 'x-forwarded-for': header } });
        assert.equal((await pingsOf(h.deps, check.id))[0]!.remote_addr, expected, String(header));
      }
    });

    test('X-Forwarded-Proto sets the scheme', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}`, { headers: { 'x-forwarded-proto': 'https' } });
      assert.equal((await pingsOf(h.deps, check.id))[0]!.scheme, 'https');
    });

    test('a body mentioning "confirm" sets has_confirmation_link', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}`, { method: 'POST', body: 'Please Confirm ...' });
      assert.equal((await reload(h.deps, check.code)).hasConfirmationLink, true);
      await ping(`/ping/${check.code}`, { method: 'POST', body: 'nothing here' });
      assert.equal((await reload(h.deps, check.code)).hasConfirmationLink, false);
    });

    test('/fail marks the check down at once with a fail flip', async () => {
      const check = await makeCheck(h.deps, project);
      assert.equal((await ping(`/ping/${check.code}/fail`)).body, 'OK');
      const after = await reload(h.deps, check.code);
      assert.equal(after.status, 'down');
      assert.equal(after.alertAfter, null);
      assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, 'fail');
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status, f.reason]),
        [['new', 'down', 'fail']],
      );
    });

    test('/start sets last_start and leaves last_ping and a paused status alone', async () => {
      const lastPing = h.clock.now() - 2 * HOUR;
      const check = await makeCheck(h.deps, project, { status: 'paused', last_ping_at: lastPing });
      await ping(`/ping/${check.code}/start`);
      const after = await reload(h.deps, check.code);
      assert.equal(after.lastStartAt, h.clock.now());
      assert.equal(after.lastPingAt, lastPing);
      assert.equal(after.status, 'paused');
      assert.equal(after.alertAfter, h.clock.now() + HOUR, 'a running paused check gets a deadline');
      assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, 'start');
    });

    test('a run id is stored lowercase, uppercase accepted; a bad one is a 400', async () => {
      const check = await makeCheck(h.deps, project);
      const res = await ping(`/ping/${check.code}/start?rid=04603D8B-EDF4-4E85-8F61-24BEDBCAAB59`);
      assert.equal(res.statusCode, 200);
      assert.equal((await reload(h.deps, check.code)).lastStartRid, '04603d8b-edf4-4e85-8f61-24bedbcaab59');
      assert.equal((await pingsOf(h.deps, check.id))[0]!.rid, '04603d8b-edf4-4e85-8f61-24bedbcaab59');
      for (const rid of ['12345', '684e2e73-017e-465f-8149-d70b7c5aaa490', '']) {
        const bad = await ping(`/ping/${check.code}?rid=${rid}`);
        assert.equal(bad.statusCode, 400, rid);
        assert.equal(bad.body, 'invalid uuid format');
        assert.equal(bad.headers['access-control-allow-origin'], undefined);
      }
      assert.equal((await reload(h.deps, check.code)).nPings, 1, 'rejected pings change nothing');
    });

    test('run ids pair starts with their success (spec examples F and G)', async () => {
      const check = await makeCheck(h.deps, project);
      const [A, B] = ['aaaaaaaa-0000-4000-8000-000000000000', 'bbbbbbbb-0000-4000-8000-000000000000'];
      await ping(`/ping/${check.code}/start?rid=${A}`);
      h.clock.advance(5 * 60_000);
      await ping(`/ping/${check.code}/start?rid=${B}`);
      const startB = h.clock.now();
      h.clock.advance(5 * 60_000);
      await ping(`/ping/${check.code}?rid=${A}`);
      let c = await reload(h.deps, check.code);
      assert.equal(c.lastDurationMs, null);
      assert.equal(c.lastStartAt, startB, 'B still running');
      h.clock.advance(10 * 60_000);
      await ping(`/ping/${check.code}?rid=${B}`);
      c = await reload(h.deps, check.code);
      assert.equal(c.lastDurationMs, 15 * 60_000);
      assert.equal(c.lastStartAt, null);
    });

    test('a success with no rid ends a run with an rid, without a duration', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}/start?rid=aaaaaaaa-0000-4000-8000-000000000000`);
      await ping(`/ping/${check.code}`);
      const c = await reload(h.deps, check.code);
      assert.equal(c.lastStartAt, null);
      assert.equal(c.lastDurationMs, null);
    });

    test('a success 10 s after a start records the duration', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}/start`);
      h.clock.advance(10_000);
      await ping(`/ping/${check.code}`);
      assert.equal((await reload(h.deps, check.code)).lastDurationMs, 10_000);
    });

    test('methods=POST turns other methods into ignored pings', async () => {
      const check = await makeCheck(h.deps, project, { methods: 'POST' });
      assert.equal((await ping(`/ping/${check.code}`)).statusCode, 200);
      const c = await reload(h.deps, check.code);
      assert.equal(c.status, 'new');
      assert.equal(c.lastPingAt, null);
      assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, 'ign');
      await ping(`/ping/${check.code}`, { method: 'POST' });
      assert.equal((await reload(h.deps, check.code)).status, 'up');
    });

    test('a paused check resumes on a ping unless manual_resume is set', async () => {
      const auto = await makeCheck(h.deps, project, { status: 'paused' });
      await ping(`/ping/${auto.code}`);
      assert.equal((await reload(h.deps, auto.code)).status, 'up');
      const manual = await makeCheck(h.deps, project, { status: 'paused', manual_resume: 1 });
      for (const suffix of ['', '/start', '/log', '/fail']) {
        assert.equal((await ping(`/ping/${manual.code}${suffix}`)).statusCode, 200);
      }
      const c = await reload(h.deps, manual.code);
      assert.equal(c.status, 'paused');
      assert.equal(c.lastStartAt, null);
      assert.deepEqual(
        (await pingsOf(h.deps, manual.id)).map((p) => p.kind),
        ['ign', 'ign', 'ign', 'ign'],
      );
    });

    test('exit statuses: 0 is success, 1–255 failure, above 255 a 400', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}/0`);
      assert.equal((await reload(h.deps, check.code)).status, 'up');
      await ping(`/ping/${check.code}/123`);
      assert.equal((await reload(h.deps, check.code)).status, 'down');
      await ping(`/ping/${check.code}/000`);
      const pings = await pingsOf(h.deps, check.id);
      assert.deepEqual(
        pings.map((p) => [p.kind, p.exit_status]),
        [
          ['success', 0],
          ['fail', 123],
          ['success', 0],
        ],
      );
      for (const status of ['256', '99999999999999999999999']) {
        const res = await ping(`/ping/${check.code}/${status}`);
        assert.equal(res.statusCode, 400);
        assert.equal(res.body, 'invalid url format');
      }
      const missing = await ping('/ping/07c2f548-9850-4b27-af5d-6c9dc157ec02/256');
      assert.equal(missing.statusCode, 404, 'an unknown check is reported before a bad exit status');
    });

    test('/log records a ping without changing status or deadlines', async () => {
      const check = await makeCheck(h.deps, project);
      await ping(`/ping/${check.code}/log`, { method: 'POST', body: 'hello' });
      const c = await reload(h.deps, check.code);
      assert.equal(c.status, 'new');
      assert.equal(c.alertAfter, null);
      assert.equal(c.lastPingAt, null);
      const [p] = await pingsOf(h.deps, check.id);
      assert.equal(p!.kind, 'log');
      assert.equal(Buffer.from(p!.body!).toString(), 'hello');
      assert.equal((await flipsOf(h.deps, check.id)).length, 0);
    });

    test('invalid UTF-8 is stored byte-exact', async () => {
      const check = await makeCheck(h.deps, project);
      const body = Buffer.from('Hello \xe9 World', 'latin1');
      await ping(`/ping/${check.code}`, { method: 'POST', body });
      assert.deepEqual(Buffer.from((await pingsOf(h.deps, check.id))[0]!.body!), body);
    });

    test('keyword filters on the HTTP body decide the kind (spec §3.5)', async () => {
      const cases: Array<[Record<string, string | number>, string, string, string]> = [
        [{ success_kw: 'SUCCESS' }, '', 'SUCCESS!', 'success'],
        [{ success_kw: 'SUCCESS' }, '', 'hello world', 'ign'],
        [{ failure_kw: 'FAIL' }, '', 'FAIL!', 'fail'],
        [{ failure_kw: 'FAIL' }, '', '---', 'ign'],
        [{ start_kw: 'START' }, '', 'STARTING', 'start'],
        [{ success_kw: 'SUCCESS', filter_default_fail: 1 }, '', 'no keywords', 'fail'],
        [{ success_kw: 'SUCCESS, OK' }, '', '[OK] done', 'success'],
        [{ success_kw: 'SUCCESS', failure_kw: 'FAIL' }, '', 'SUCCESS and FAIL', 'fail'],
        [{ failure_kw: 'FAIL' }, '/start', 'it will FAIL', 'fail'],
        [{ success_kw: 'OK' }, '/1', 'OK', 'success'],
      ];
      for (const [fields, suffix, body, kind] of cases) {
        const check = await makeCheck(h.deps, project, { filter_http_body: 1, ...fields });
        const res = await ping(`/ping/${check.code}${suffix}`, { method: 'POST', body });
        assert.equal(res.statusCode, 200);
        assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, kind, `${JSON.stringify(fields)} ${body}`);
      }
    });

    test('the method rule wins over keyword filters, manual resume over everything', async () => {
      const post = await makeCheck(h.deps, project, { methods: 'POST', filter_http_body: 1, filter_default_fail: 1 });
      await ping(`/ping/${post.code}`);
      assert.equal((await pingsOf(h.deps, post.id))[0]!.kind, 'ign');
      const paused = await makeCheck(h.deps, project, {
        status: 'paused',
        manual_resume: 1,
        filter_http_body: 1,
        success_kw: 'OK',
      });
      await ping(`/ping/${paused.code}`, { method: 'POST', body: 'OK' });
      assert.equal((await pingsOf(h.deps, paused.id))[0]!.kind, 'ign');
    });

    test('email filters are ignored for HTTP pings', async () => {
      const check = await makeCheck(h.deps, project, { filter_subject: 1, success_kw: 'SUCCESS', filter_default_fail: 1 });
      await ping(`/ping/${check.code}`);
      assert.equal((await pingsOf(h.deps, check.id))[0]!.kind, 'success');
    });

    test('a body that is not UTF-8 is refused with a clear 400 when keyword filters need it', async () => {
      const check = await makeCheck(h.deps, project, { filter_http_body: 1, success_kw: 'OK' });
      const res = await ping(`/ping/${check.code}`, { method: 'POST', body: Buffer.from([0x4f, 0x4b, 0xff]) });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /UTF-8/);
      assert.equal((await reload(h.deps, check.code)).nPings, 0);
    });

    test('a body over the 2.5 MB upload cap is a 400 for a known check and a 404 otherwise', async () => {
      const check = await makeCheck(h.deps, project);
      const big = Buffer.alloc(2_621_441, 0x61);
      const res = await ping(`/ping/${check.code}`, { method: 'POST', body: big });
      assert.equal(res.statusCode, 400);
      assert.equal((await reload(h.deps, check.code)).nPings, 0);
      const missing = await ping('/ping/07c2f548-9850-4b27-af5d-6c9dc157ec02', { method: 'POST', body: big });
      assert.equal(missing.statusCode, 404);
      const atCap = await ping(`/ping/${check.code}`, { method: 'POST', body: Buffer.alloc(2_621_440, 0x61) });
      assert.equal(atCap.statusCode, 200);
      assert.equal((await pingsOf(h.deps, check.id))[0]!.body!.length, 10_000, 'stored truncated to PING_BODY_LIMIT');
    });

    test('many concurrent pings to one check are all counted, in one group or several', async () => {
      const check = await makeCheck(h.deps, project);
      const answers = await Promise.all(Array.from({ length: 200 }, () => ping(`/ping/${check.code}`)));
      assert.ok(answers.every((a) => a.statusCode === 200));
      const c = await reload(h.deps, check.code);
      assert.equal(c.nPings, 200);
      const pings = await pingsOf(h.deps, check.id);
      assert.deepEqual(
        pings.map((p) => p.n),
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
    });

    test('every 100th ping prunes beyond the ping log limit, at most every 10 s per check', async () => {
      const check = await makeCheck(h.deps, project);
      await h.deps.store.db.updateTable('users').set({ ping_log_limit: 30 }).execute();
      const pingTimes = async (count: number) => {
        for (let i = 0; i < count; i++) await ping(`/ping/${check.code}`);
        await h.recorder.drain();
        const pings = await pingsOf(h.deps, check.id);
        return [pings[0]!.n, pings.length];
      };
      try {
        assert.deepEqual(await pingTimes(100), [71, 30]);
        assert.deepEqual(await pingTimes(100), [71, 130], 'the 200th ping came within 10 s: no prune');
        h.clock.advance(10_000);
        assert.deepEqual(await pingTimes(100), [271, 30], 'the next hundred catches up');
      } finally {
        await h.deps.store.db.updateTable('users').set({ ping_log_limit: null }).execute();
      }
    });
  });

  describe(`ping body limit settings (${dialect})`, () => {
    test('PING_BODY_LIMIT=5 keeps 5 bytes and says so', async () => {
      const h = await makeHarness(dialect, { PING_BODY_LIMIT: '5' });
      try {
        const check = await makeCheck(h.deps, await makeProject(h.deps));
        const res = await h.app.inject({ method: 'POST', url: `/ping/${check.code}`, payload: 'hello world' });
        assert.equal(res.headers['ping-body-limit'], '5');
        assert.equal(Buffer.from((await pingsOf(h.deps, check.id))[0]!.body!).toString(), 'hello');
      } finally {
        await h.close();
      }
    });

    test('PING_BODY_LIMIT=None keeps the whole body and sends no header', async () => {
      const h = await makeHarness(dialect, { PING_BODY_LIMIT: 'None' });
      try {
        const check = await makeCheck(h.deps, await makeProject(h.deps));
        const res = await h.app.inject({ method: 'POST', url: `/ping/${check.code}`, payload: 'A'.repeat(20_000) });
        assert.equal(res.headers['ping-body-limit'], undefined);
        assert.equal((await pingsOf(h.deps, check.id))[0]!.body!.length, 20_000);
      } finally {
        await h.close();
      }
    });

    test('SITE_ROOT with a path prefixes the ping routes', async () => {
      const h = await makeHarness(dialect, { SITE_ROOT: 'http://example.org/hc' });
      try {
        const check = await makeCheck(h.deps, await makeProject(h.deps));
        assert.equal((await h.app.inject({ url: `/hc/ping/${check.code}` })).statusCode, 200);
        assert.equal((await h.app.inject({ url: `/ping/${check.code}` })).statusCode, 404);
      } finally {
        await h.close();
      }
    });
  });
}
