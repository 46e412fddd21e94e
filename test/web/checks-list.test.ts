import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/databases.js';
import { makeCheck, reload } from '../support/factories.js';
import { makeHarness, type Harness } from '../support/harness.js';
import { webClient } from '../support/web-client.js';
import { listedCodes, personas, rowOf, type Personas } from './checks-personas.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const dialect of testDialects()) {
  describe(`checks list (${dialect})`, () => {
    let h: Harness;
    let p: Personas;
    let list: string;
    before(async () => {
      h = await makeHarness(dialect, { SITE_ROOT: 'https://hc.example.org', SITE_NAME: 'Mychecks' });
      p = await personas(h.deps, h.app);
      list = `/projects/${p.project.id}/checks/`;
    });
    after(() => h.close());

    test('shows each check with its status, name or "unnamed", tags, schedule, last ping and ping URL', async () => {
      const now = h.clock.now();
      const up = await makeCheck(h.deps, p.project, {
        name: 'nightly <backup>',
        tags: 'prod db',
        status: 'up',
        last_ping_at: now - 3 * MINUTE,
        timeout_seconds: 86_400,
        grace_seconds: 3_600,
      });
      const cron = await makeCheck(h.deps, p.project, { kind: 'cron', schedule: '*/5 * * * *', tz: 'Europe/Riga' });
      const running = await makeCheck(h.deps, p.project, {
        name: 'worker',
        status: 'up',
        last_ping_at: now - MINUTE,
        last_start_at: now - 5_000,
      });

      const res = await p.owner.get(list);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Checks – Mychecks<\/title>/);
      const upRow = rowOf(res.body, up.code);
      assert.match(upRow, /class="status up"/);
      assert.match(upRow, /nightly &lt;backup&gt;/, 'names are escaped');
      assert.match(upRow, /<a class="tag" href="[^"]*\?tag=prod">prod<\/a>/);
      assert.match(upRow, /1 day <span class="hint">grace 1 hour<\/span>/);
      assert.match(upRow, /<time datetime="2026-01-05T09:57:00.000Z"[^>]*>3 minutes ago<\/time>/);
      assert.match(upRow, new RegExp(`<code>https://hc.example.org/ping/${up.code}</code>`));
      assert.match(upRow, new RegExp(`data-copy="https://hc.example.org/ping/${up.code}"`));

      const cronRow = rowOf(res.body, cron.code);
      assert.match(cronRow, /class="unnamed">unnamed<\/a>/);
      assert.match(cronRow, /class="status new"/);
      assert.match(cronRow, /<code class="expr">\*\/5 \* \* \* \*<\/code> <span class="hint">Europe\/Riga<\/span>/);
      assert.match(cronRow, /Never/);
      assert.match(rowOf(res.body, running.code), /class="status up started"[^>]*aria-label="Up, running"/);
      assert.match(res.body, /data-checks-refresh="\/projects\/[^"]+\/checks\/status\/"/);
    });

    test('filters by tags (all of them), by text and by status', async () => {
      const q = await personas(h.deps, h.app, 'Filters');
      const now = h.clock.now();
      const a = await makeCheck(h.deps, q.project, { name: 'Alpha', slug: 'alpha', tags: 'prod eu' });
      const b = await makeCheck(h.deps, q.project, { name: 'Beta', tags: 'prod', description: 'Copies the Invoices' });
      const c = await makeCheck(h.deps, q.project, { name: 'Gamma', slug: 'gamma-db', status: 'paused' });
      const d = await makeCheck(h.deps, q.project, { name: 'Delta', status: 'up', last_ping_at: now - 3 * 86_400_000 });
      const e = await makeCheck(h.deps, q.project, { name: 'Epsilon', last_start_at: now - 1_000 });
      const base = `/projects/${q.project.id}/checks/`;
      const codes = async (query: string) => listedCodes((await q.owner.get(`${base}${query}`)).body).sort();

      assert.deepEqual(await codes('?tag=prod'), [a.code, b.code].sort());
      assert.deepEqual(await codes('?tag=prod&tag=eu'), [a.code]);
      assert.deepEqual(await codes('?search=invoices'), [b.code], 'description, case-insensitive');
      assert.deepEqual(await codes('?search=GAMMA-DB'), [c.code], 'slug');
      assert.deepEqual(await codes(`?search=${e.code.slice(0, 8)}`), [e.code], 'UUID');
      assert.deepEqual(await codes('?status=paused'), [c.code]);
      assert.deepEqual(await codes('?status=down&status=started'), [d.code, e.code].sort());
      const none = await q.owner.get(`${base}?search=nothing-like-this`);
      assert.match(none.body, /No check matches these filters/);
      const tagged = await q.owner.get(`${base}?tag=prod`);
      assert.match(tagged.body, /<input type="hidden" name="tag" value="prod" \/>/, 'the search form keeps the tag filter');
      assert.match(tagged.body, /class="tag tag-up selected"[^>]*aria-current="true"/);
    });

    test('sorts naturally by name with down checks first, and remembers the order for the user', async () => {
      const q = await personas(h.deps, h.app, 'Sorting');
      const b10 = await makeCheck(h.deps, q.project, { name: 'backup 10', status: 'up', last_ping_at: h.clock.now() - MINUTE });
      const b9 = await makeCheck(h.deps, q.project, { name: 'backup 9', status: 'up', last_ping_at: h.clock.now() - 2 * MINUTE });
      const down = await makeCheck(h.deps, q.project, { name: 'zeta', status: 'down', last_ping_at: h.clock.now() - HOUR });
      const base = `/projects/${q.project.id}/checks/`;
      assert.deepEqual(listedCodes((await q.owner.get(`${base}?sort=name`)).body), [down.code, b9.code, b10.code]);
      const remembered = await q.owner.get(base);
      assert.deepEqual(listedCodes(remembered.body), [down.code, b9.code, b10.code]);
      assert.match(remembered.body, /<option value="name" selected>/);
      const row = await h.deps.store.db
        .selectFrom('users')
        .select('checks_sort')
        .where('id', '=', q.owner.userId)
        .executeTakeFirstOrThrow();
      assert.equal(row.checks_sort, 'name');
      assert.deepEqual(listedCodes((await q.owner.get(`${base}?sort=last_ping`)).body), [down.code, b10.code, b9.code]);
      assert.deepEqual(listedCodes((await q.owner.get(`${base}?sort=-name`)).body), [down.code, b10.code, b9.code]);
      // Another user's order is their own.
      assert.deepEqual(listedCodes((await q.member.get(base)).body), [down.code, b10.code, b9.code], 'created order');
    });

    test('the status fragment is the live table alone, follows the filters and shows a new ping', async () => {
      const q = await personas(h.deps, h.app, 'Live');
      const check = await makeCheck(h.deps, q.project, { name: 'live one', tags: 'x' });
      const other = await makeCheck(h.deps, q.project, { name: 'other' });
      const status = `/projects/${q.project.id}/checks/status/`;
      const before = await q.owner.get(`${status}?tag=x`);
      assert.equal(before.statusCode, 200);
      assert.doesNotMatch(before.body, /<html/);
      assert.deepEqual(listedCodes(before.body), [check.code]);
      assert.match(rowOf(before.body, check.code), /class="status new"/);

      const ping = await h.app.inject({ url: `/ping/${check.code}` });
      assert.equal(ping.statusCode, 200);
      const afterPing = await q.owner.get(`${status}?tag=x`);
      assert.match(rowOf(afterPing.body, check.code), /class="status up"/);
      assert.match(rowOf(afterPing.body, check.code), /just now/);
      assert.equal(rowOf(afterPing.body, other.code), '');

      const anonymous = await webClient(h.app).get(status);
      assert.equal(anonymous.statusCode, 403, 'a fragment never redirects to the login page');
      assert.equal((await q.outsider.get(status)).statusCode, 404);
      assert.equal((await webClient(h.app).get(`/projects/${q.project.id}/checks/`)).statusCode, 303);
    });

    test('switches the project between UUID and slug ping URLs', async () => {
      const q = await personas(h.deps, h.app, 'Slugs');
      const named = await makeCheck(h.deps, q.project, { name: 'db', slug: 'db-backup' });
      const twin = await makeCheck(h.deps, q.project, { name: 'db again', slug: 'db-backup' });
      const bare = await makeCheck(h.deps, q.project, { name: 'no slug' });
      const base = `/projects/${q.project.id}/checks/`;
      await q.owner.get(base);
      const res = await q.owner.post(`${base}slugs/`, { show_slugs: '1' });
      assert.equal(res.statusCode, 303);
      const page = await q.member.get(base);
      const slugUrl = `https://hc.example.org/ping/${q.project.ping_key}/db-backup`;
      assert.match(
        rowOf(page.body, named.code),
        new RegExp(`<code>${slugUrl}</code> <span class="hint">\\(not unique\\)</span>`),
      );
      assert.match(rowOf(page.body, twin.code), /not unique/);
      assert.match(rowOf(page.body, bare.code), /unavailable, slug not set/);
      assert.doesNotMatch(rowOf(page.body, bare.code), /data-copy/);
      await q.member.post(`${base}slugs/`, { show_slugs: '0' });
      assert.match(rowOf((await q.owner.get(base)).body, named.code), new RegExp(`/ping/${named.code}<`));
    });

    test('"Add check" creates a check with the defaults and every integration, then opens it', async () => {
      const q = await personas(h.deps, h.app, 'Adding');
      await h.deps.store.db
        .insertInto('channels')
        .values({
          code: crypto.randomUUID(),
          project_id: q.project.projectId,
          kind: 'email',
          value: '{}',
          created_at: h.clock.now(),
        })
        .execute();
      const base = `/projects/${q.project.id}/checks/`;
      await q.member.get(base);
      const res = await q.member.post(`${base}add/`);
      assert.equal(res.statusCode, 303);
      const code = /\/checks\/([0-9a-f-]{36})\/$/.exec(String(res.headers.location))?.[1];
      assert.ok(code, String(res.headers.location));
      const check = await reload(h.deps, code);
      assert.equal(check.kind, 'simple');
      assert.equal(check.timeoutSeconds, 86_400);
      assert.equal(check.graceSeconds, 3_600);
      assert.equal(check.status, 'new');
      const links = await h.deps.store.db.selectFrom('checks_channels').selectAll().where('check_id', '=', check.id).execute();
      assert.equal(links.length, 1);
      assert.equal((await q.member.get(String(res.headers.location))).statusCode, 200);
    });

    test('read-only members see the list without the buttons that change it', async () => {
      const res = await p.readOnly.get(list);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /Add check/);
      assert.match(res.body, /read-only access/);
      assert.equal((await p.outsider.get(list)).statusCode, 404);
    });
  });
}
