import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { uniqueKey } from '../../src/domain/unique-key.js';
import { testDialects } from '../support/databases.js';
import { flipsOf, makeCheck, reload } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { personas, type Personas } from './checks-personas.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const dialect of testDialects()) {
  describe(`check details (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let checks: string;
    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://hc.example.org', PING_EMAIL_DOMAIN: 'hc.example.org' });
      p = await personas(h.deps, h.app);
      checks = `/projects/${p.project.id}/checks/`;
    });
    after(() => h.close());

    test('shows the status, how to ping by URL and email, the schedule preview and three months of downtime', async () => {
      const check = await makeCheck(h.deps, p.project, {
        name: 'nightly',
        kind: 'cron',
        schedule: '0 5 * * *',
        tz: 'Europe/Riga',
        status: 'up',
        last_ping_at: h.clock.now() - 2 * HOUR,
      });
      const res = await p.owner.get(`${checks}${check.code}/`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /This check is up\. Last ping was 2 hours ago/);
      assert.match(
        res.body,
        /The next ping is due <time datetime="2026-01-06T03:00:00.000Z"[^>]*>2026-01-06 03:00 UTC<\/time> \(2026-01-06 05:00 UTC\+02:00\)/,
      );
      assert.match(res.body, new RegExp(`data-copy="https://hc.example.org/ping/${check.code}"`));
      assert.match(res.body, new RegExp(`data-copy="${check.code}@hc.example.org"`));
      // Five upcoming times in the check's zone, each with its UTC instant.
      assert.equal(res.body.match(/<li>2026-01-\d\d 05:00 UTC\+02:00/g)?.length, 5);
      assert.match(res.body, /<option selected>Europe\/Riga<\/option>/);
      assert.match(res.body, /<th scope="row">January 2026<\/th>/);
      assert.match(res.body, /<th scope="row">December 2025<\/th>\s*<td colspan="2" class="hint">No data<\/td>/);
    });

    test('the details URL of notifications leads to the page under its project, for members only', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'linked' });
      const res = await p.readOnly.get(`/checks/${check.code}/details/`);
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, `${checks}${check.code}/`);
      assert.equal((await p.outsider.get(`/checks/${check.code}/details/`)).statusCode, 404);
      assert.equal((await p.outsider.get(`${checks}${check.code}/`)).statusCode, 404);
      assert.equal((await p.owner.get(`${checks}not-a-uuid/`)).statusCode, 404);
      const other = await personas(h.deps, h.app, 'Elsewhere');
      const foreign = await makeCheck(h.deps, other.project, { name: 'foreign' });
      assert.equal(
        (await p.owner.get(`${checks}${foreign.code}/`)).statusCode,
        404,
        "another project's check by this project's path",
      );
    });

    test('the cloaked URL of notifications leads a member to the check; anyone else gets 404', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'cloaked' });
      const cloaked = `/cloaked/${uniqueKey(check.code)}/`;
      const res = await p.readOnly.get(cloaked);
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, `${checks}${check.code}/`);
      assert.equal((await p.outsider.get(cloaked)).statusCode, 404);
      assert.equal((await p.owner.get(`/cloaked/${'0'.repeat(40)}/`)).statusCode, 404);
      assert.equal((await p.owner.get('/cloaked/not-a-key/')).statusCode, 404);
      const anonymous = await webClient(h.app).get(cloaked);
      assert.equal(anonymous.statusCode, 303, 'log in first');
      assert.match(String(anonymous.headers.location), /login/);
    });

    test('saves name, slug, tags and description; refuses bad ones beside their fields and keeps what was typed', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'before' });
      const page = `${checks}${check.code}/`;
      await p.member.get(page);
      const saved = await p.member.post(`${page}name/`, {
        name: 'DB backup',
        slug: 'db-backup',
        tags: '  prod   db ',
        desc: 'Runs at 5',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, page);
      let stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.name, stored.slug, stored.tags, stored.desc], ['DB backup', 'db-backup', 'prod db', 'Runs at 5']);
      assert.match((await p.member.get(page)).body, /Name, tags and description saved\./);

      const refused = await p.member.post(`${page}name/`, { name: 'x'.repeat(101), slug: 'Has Spaces', tags: '', desc: '' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="check-name-error">The name can have at most 100 characters\./);
      assert.match(refused.body, /id="check-slug-error">The slug may contain only lowercase letters/);
      assert.match(refused.body, /name="slug" value="Has Spaces"/);
      assert.match(refused.body, /aria-invalid="true"/);
      stored = await reload(h.deps, check.code);
      assert.equal(stored.name, 'DB backup', 'nothing saved');
    });

    test('edits the schedule: simple in human units, cron and OnCalendar with a zone; errors inline', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'sched' });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      const simple = { kind: 'simple', timeout_value: '2', timeout_unit: 'hours', grace_value: '15', grace_unit: 'minutes' };
      assert.equal((await p.owner.post(`${page}schedule/`, simple)).statusCode, 303);
      let stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.kind, stored.timeoutSeconds, stored.graceSeconds], ['simple', 7_200, 900]);
      const shown = await p.owner.get(page);
      assert.match(shown.body, /name="timeout_value" value="2"/);
      assert.match(shown.body, /A ping is expected every <strong>2 hours<\/strong>/);

      const cron = {
        kind: 'cron',
        cron_expr: '*/10 9-17 * * 1-5',
        tz: 'America/New_York',
        grace_value: '1',
        grace_unit: 'hours',
      };
      assert.equal((await p.owner.post(`${page}schedule/`, cron)).statusCode, 303);
      stored = await reload(h.deps, check.code);
      assert.deepEqual(
        [stored.kind, stored.schedule, stored.tz, stored.graceSeconds],
        ['cron', '*/10 9-17 * * 1-5', 'America/New_York', 3_600],
      );
      assert.equal(stored.timeoutSeconds, 7_200, 'the period is kept for a later switch back');

      const oncalendar = {
        kind: 'oncalendar',
        oncalendar_expr: 'Mon..Fri 05:30\nSat 08:00',
        tz: 'UTC',
        grace_value: '30',
        grace_unit: 'minutes',
      };
      assert.equal((await p.owner.post(`${page}schedule/`, oncalendar)).statusCode, 303);
      stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.kind, stored.schedule], ['oncalendar', 'Mon..Fri 05:30\nSat 08:00']);

      const bad = await p.owner.post(`${page}schedule/`, {
        kind: 'cron',
        cron_expr: '61 * * * *',
        tz: 'Mars/Olympus',
        grace_value: '0',
        grace_unit: 'minutes',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="check-cron_expr-error">Not a valid cron expression\./);
      assert.match(bad.body, /id="check-tz-error">Not a valid time zone\./);
      assert.match(bad.body, /id="check-grace-error">The grace time must be at least 1 minute\./);
      assert.match(bad.body, /61 \* \* \* \*<\/textarea/);
      const sixFields = await p.owner.post(`${page}schedule/`, { ...cron, cron_expr: '0 0 5 * * *' });
      assert.match(sixFields.body, /A cron expression has five fields/);
      const tooLong = await p.owner.post(`${page}schedule/`, { ...simple, timeout_value: '366', timeout_unit: 'days' });
      assert.match(tooLong.body, /The period must be at most 365 days\./);
      stored = await reload(h.deps, check.code);
      assert.equal(stored.kind, 'oncalendar', 'nothing saved');
    });

    test('previews a schedule draft without saving it, on the page and as a fragment', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'preview' });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      const draft = {
        kind: 'cron',
        cron_expr: '30 6 * * *',
        tz: 'Asia/Tokyo',
        grace_value: '1',
        grace_unit: 'hours',
        preview: '1',
      };
      const previewed = await p.owner.post(`${page}schedule/`, draft);
      assert.equal(previewed.statusCode, 200);
      assert.equal(previewed.body.match(/<li>2026-01-\d\d 06:30 UTC\+09:00/g)?.length, 5);
      assert.equal((await reload(h.deps, check.code)).kind, 'simple', 'a preview saves nothing');

      const fragment = await p.readOnly.get(
        `${page}preview/?kind=oncalendar&oncalendar_expr=daily&tz=UTC&grace_value=1&grace_unit=hours`,
      );
      assert.equal(fragment.statusCode, 200);
      assert.doesNotMatch(fragment.body, /<html/);
      assert.match(fragment.body, /<li><time datetime="2026-01-06T00:00:00.000Z"[^>]*>2026-01-06 00:00 UTC<\/time><\/li>/);
      const invalid = await p.owner.get(`${page}preview/?kind=cron&cron_expr=nope&tz=UTC&grace_value=1&grace_unit=hours`);
      assert.match(invalid.body, /No preview: A cron expression has five fields/);
      assert.equal((await webClient(h.app).get(`${page}preview/?kind=simple`)).statusCode, 403);
    });

    test('a schedule made overdue marks an up check down without alerting anyone', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'overdue', status: 'up', last_ping_at: h.clock.now() - 2 * HOUR });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      const res = await p.owner.post(`${page}schedule/`, {
        kind: 'simple',
        timeout_value: '1',
        timeout_unit: 'minutes',
        grace_value: '1',
        grace_unit: 'minutes',
      });
      assert.equal(res.statusCode, 303);
      const stored = await reload(h.deps, check.code);
      assert.equal(stored.status, 'down');
      assert.equal(stored.alertAfter, null);
      const flips = await flipsOf(h.deps, check.id);
      assert.equal(flips.length, 1);
      assert.equal(flips[0]!.new_status, 'down');
      assert.notEqual(flips[0]!.processed_at, null, 'recorded already processed: no notification');
    });

    test('saves the filtering rules with the API limits', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'filters' });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      const form = {
        methods: 'POST',
        filter_http_body: '1',
        success_kw: 'OK',
        failure_kw: 'ERROR, FATAL',
        filter_default_fail: '1',
        manual_resume: '1',
      };
      assert.equal((await p.owner.post(`${page}filters/`, form)).statusCode, 303);
      let stored = await reload(h.deps, check.code);
      assert.equal(stored.methods, 'POST');
      assert.equal(stored.filterHttpBody, true);
      assert.equal(stored.filterSubject, false);
      assert.equal(stored.failureKw, 'ERROR, FATAL');
      assert.equal(stored.filterDefaultFail, true);
      assert.equal(stored.manualResume, true);
      const shown = await p.owner.get(page);
      assert.match(shown.body, /name="methods" value="POST" checked/);

      const refused = await p.owner.post(`${page}filters/`, { success_kw: 'x'.repeat(201) });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="check-success_kw-error">At most 200 characters\./);
      assert.doesNotMatch(refused.body, /name="methods" value="POST" checked/, 'the unticked boxes stay unticked');
      stored = await reload(h.deps, check.code);
      assert.equal(stored.methods, 'POST', 'nothing saved');
      assert.equal((await p.owner.post(`${page}filters/`, {})).statusCode, 303, 'everything off');
      stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.methods, stored.manualResume, stored.filterHttpBody], ['', false, false]);
    });
  });
}
