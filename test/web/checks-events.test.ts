import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/databases.js';
import { flipsOf, makeCheck, pingsOf, reload } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { personas, type Personas } from './checks-personas.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const dialect of testDialects()) {
  describe(`check actions and events (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let checks: string;
    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://hc.example.org', PING_EMAIL_DOMAIN: 'hc.example.org' });
      p = await personas(h.deps, h.app);
      checks = `/projects/${p.project.id}/checks/`;
    });
    after(() => h.close());

    test('pauses and resumes, as the API does', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'pausable', status: 'up', last_ping_at: h.clock.now() - MINUTE });
      const page = `${checks}${check.code}/`;
      await p.member.get(page);
      assert.equal((await p.member.post(`${page}pause/`)).statusCode, 303);
      assert.equal((await reload(h.deps, check.code)).status, 'paused');
      const shown = await p.member.get(page);
      assert.match(shown.body, /This check is paused\./);
      assert.match(shown.body, /The check is paused\./, 'flash');
      assert.match(shown.body, /resume\/" class="inline">/);
      assert.equal((await p.member.post(`${page}resume/`)).statusCode, 303);
      const resumed = await reload(h.deps, check.code);
      assert.equal(resumed.status, 'new');
      assert.equal(resumed.lastPingAt, null);
      const flips = await flipsOf(h.deps, check.id);
      assert.deepEqual(
        flips.map((f) => [f.old_status, f.new_status]),
        [
          ['up', 'paused'],
          ['paused', 'new'],
        ],
      );
      await p.member.get(page);
      assert.equal((await p.member.post(`${page}resume/`)).statusCode, 409, 'resuming a check that is not paused');
    });

    test('"Ping now" records a success ping as an HTTP POST would', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'manual', status: 'down', last_ping_at: h.clock.now() - HOUR });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      assert.equal((await p.owner.post(`${page}ping/`)).statusCode, 303);
      const stored = await reload(h.deps, check.code);
      assert.equal(stored.status, 'up');
      assert.equal(stored.lastPingAt, h.clock.now());
      const pings = await pingsOf(h.deps, check.id);
      assert.equal(pings.length, 1);
      assert.deepEqual([pings[0]!.kind, pings[0]!.method, pings[0]!.n], ['success', 'POST', 1]);
      const flips = await flipsOf(h.deps, check.id);
      assert.equal(flips[0]!.processed_at, null, 'a down → up flip goes to the alert pipeline as any ping would');
    });

    test('clears the events: no pings or flips, status new, ping numbers kept', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'clearable' });
      await h.app.inject({ url: `/ping/${check.code}/start` });
      await h.app.inject({ url: `/ping/${check.code}`, method: 'POST', payload: 'done' });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      assert.equal((await p.owner.post(`${page}clear/`)).statusCode, 303);
      const stored = await reload(h.deps, check.code);
      assert.deepEqual([stored.status, stored.lastPingAt, stored.lastDurationMs, stored.nPings], ['new', null, null, 2]);
      assert.equal((await pingsOf(h.deps, check.id)).length, 0);
      assert.equal((await flipsOf(h.deps, check.id)).length, 0);
      await h.app.inject({ url: `/ping/${check.code}` });
      assert.equal((await pingsOf(h.deps, check.id))[0]!.n, 3);
    });

    test('deletes a check and returns to the list', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'doomed' });
      const page = `${checks}${check.code}/`;
      await p.owner.get(page);
      const res = await p.owner.post(`${page}remove/`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, checks);
      assert.equal(
        await h.deps.store.db.selectFrom('checks').select('id').where('id', '=', check.id).executeTakeFirst(),
        undefined,
      );
      assert.equal((await p.owner.get(page)).statusCode, 404);
    });

    test('the event log merges pings and status changes newest first, filters by kind and refreshes as a fragment', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'logged' });
      const page = `${checks}${check.code}/`;
      await h.app.inject({ url: `/ping/${check.code}/start` });
      h.clock.advance(90_000);
      await h.app.inject({ url: `/ping/${check.code}`, headers: { 'user-agent': 'curl/8.5' } });
      h.clock.advance(MINUTE);
      await h.app.inject({ url: `/ping/${check.code}/3` });
      const log = await p.readOnly.get(`${page}log/`);
      assert.equal(log.statusCode, 200);
      assert.doesNotMatch(log.body, /<html/);
      const order = [...log.body.matchAll(/class="event-kind ([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(order, ['flip-down', 'kind-fail', 'flip-up', 'kind-success', 'kind-start']);
      assert.match(log.body, /Exit status 3/);
      assert.match(log.body, /took 1 minute 30 seconds/);
      assert.match(log.body, /curl\/8\.5/);
      const failures = await p.readOnly.get(`${page}log/?kind=fail&kind=flip`);
      assert.deepEqual(
        [...failures.body.matchAll(/class="event-kind ([^"]+)"/g)].map((m) => m[1]),
        ['flip-down', 'kind-fail', 'flip-up'],
      );
      const filteredPage = await p.readOnly.get(`${page}?kind=fail`);
      assert.match(filteredPage.body, /data-refresh-url="[^"]+\/log\/\?kind=fail"/);
      assert.match(filteredPage.body, /name="kind" value="fail" checked/);
      assert.equal((await webClient(h.app).get(`${page}log/`)).statusCode, 403);
      assert.equal((await p.outsider.get(`${page}log/`)).statusCode, 404);
    });

    test('shows a ping with its source, user agent and body; the body downloads; unknown pings are not found', async () => {
      const check = await makeCheck(h.deps, p.project, { name: 'bodies' });
      await h.app.inject({
        url: `/ping/${check.code}/fail`,
        method: 'POST',
        payload: 'disk full <sda1>',
        headers: { 'user-agent': 'backup.sh', 'x-forwarded-for': '203.0.113.7', 'content-type': 'text/plain' },
      });
      const page = `${checks}${check.code}/`;
      const shown = await p.readOnly.get(`${page}pings/1/`);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<h1>Failure ping #1<\/h1>/);
      assert.match(shown.body, /HTTP POST from 203\.0\.113\.7/);
      assert.match(shown.body, /backup\.sh/);
      assert.match(shown.body, /<pre class="ping-body"[^>]*>disk full &lt;sda1&gt;<\/pre>/);
      const body = await p.readOnly.get(`${page}pings/1/body/`);
      assert.equal(body.statusCode, 200);
      assert.equal(body.body, 'disk full <sda1>');
      assert.match(String(body.headers['content-disposition']), new RegExp(`attachment; filename="${check.code}-1.txt"`));
      assert.equal((await p.readOnly.get(`${page}pings/2/`)).statusCode, 404);
      assert.equal((await p.readOnly.get(`${page}pings/x/`)).statusCode, 404);
      assert.equal((await p.outsider.get(`${page}pings/1/`)).statusCode, 404);
    });

    test('pings past the ping log limit are no longer shown', async () => {
      const q = await personas(h.deps, h.app, 'Limited');
      await h.deps.store.db.updateTable('users').set({ ping_log_limit: 2 }).where('id', '=', q.owner.userId).execute();
      const check = await makeCheck(h.deps, q.project, { name: 'limited' });
      for (let i = 0; i < 3; i++) await h.app.inject({ url: `/ping/${check.code}` });
      const page = `/projects/${q.project.id}/checks/${check.code}/`;
      assert.equal((await q.owner.get(`${page}pings/1/`)).statusCode, 404);
      assert.equal((await q.owner.get(`${page}pings/2/`)).statusCode, 200);
      const log = await q.owner.get(`${page}log/`);
      assert.deepEqual(
        [...log.body.matchAll(/<span class="hint">#(\d+)<\/span>/g)].map((m) => m[1]),
        ['3', '2'],
      );
    });
  });
}
